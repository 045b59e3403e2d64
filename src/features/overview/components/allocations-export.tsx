import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { describeError } from '@/lib/arcgis/errors';
import { memberIndexQueries } from '@/lib/member-index';
import { maskPerson, usePresentationMode } from '@/lib/presentation';
import { downloadCsv } from '@/lib/csv';
import { allocationsCsv } from '../utils/allocations-csv';
import { formatCount } from '../utils/format';
import { MemberIndexProgress } from './member-index-progress';

export interface AllocationsExportProps {
  client: ArcGISClient;
}

function fileName(): string {
  return `allocations-${new Date().toISOString().slice(0, 10)}.csv`;
}

/** One-click CSV of every member's current allocation, from the org member index. */
export function AllocationsExport({ client }: AllocationsExportProps) {
  const members = useQuery({ ...memberIndexQueries.index(client), throwOnError: false });
  const [downloaded, setDownloaded] = useState<number | null>(null);
  const [masked] = usePresentationMode();

  if (members.isPending) return <MemberIndexProgress client={client} />;
  if (members.isError && members.data === undefined) {
    return (
      <div role="alert" className="notice notice-error">
        The allocations can’t be exported: {describeError(members.error)}{' '}
        <button type="button" className="button button-link" onClick={() => void members.refetch()}>
          Try again
        </button>
      </div>
    );
  }

  const users = members.data;
  return (
    <div className="overview-export">
      <button
        type="button"
        className="button button-secondary"
        onClick={() => {
          // Presentation mode: the file carries the same aliases as the screen (not restorable by name).
          const rows = masked
            ? users.map((u) => {
                const alias = maskPerson(u);
                return { ...u, username: alias.displayUsername, fullName: alias.fullName };
              })
            : users;
          downloadCsv(fileName(), allocationsCsv(rows));
          setDownloaded(users.length);
        }}
      >
        Download allocations (CSV)
      </button>
      <p className="muted small" role="status">
        {downloaded === null
          ? `Username, full name, allocated, used and remaining for all ${formatCount(users.length)} members${masked ? ' (names masked: presentation mode is on)' : ''}.`
          : `Downloaded the allocations of ${formatCount(downloaded)} members.`}
      </p>
    </div>
  );
}
