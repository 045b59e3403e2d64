import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import { describeError } from '@/lib/arcgis/errors';
import { isPartialMemberIndex, memberIndexQueries } from '@/lib/member-index';
import { usePresentationMode } from '@/lib/presentation';
import { downloadCsv } from '@/lib/csv';
import { allocationsRecordCsv } from '../utils/allocations-csv';
import { formatCount } from '../utils/format';
import { MemberIndexProgress } from './member-index-progress';

function fileName(): string {
  return `allocations-${new Date().toISOString().slice(0, 10)}.csv`;
}

/** One-click CSV of every member's current allocation, from the org member index. */
export function AllocationsExport() {
  const client = useArcGISClient();
  const members = useQuery({ ...memberIndexQueries.index(client), throwOnError: false });
  const [downloaded, setDownloaded] = useState<number | null>(null);
  const [masked] = usePresentationMode();

  if (members.isPending) return <MemberIndexProgress />;
  if (members.isError && (members.data === undefined || isPartialMemberIndex(members.data))) {
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
  // The file lists every member: a list still loading (or the kept first screen) waits.
  if (isPartialMemberIndex(users)) return <MemberIndexProgress />;
  return (
    <div className="overview-export">
      <button
        type="button"
        className="button button-secondary"
        onClick={() => {
          // Presentation mode: the file carries the same aliases as the screen and says it is masked.
          downloadCsv(fileName(), allocationsRecordCsv(users, masked));
          setDownloaded(users.length);
        }}
      >
        Download allocations (CSV)
      </button>
      <p className="muted small" role="status">
        {downloaded === null
          ? `Username, credits, full name, used and remaining for all ${formatCount(users.length)} members; the file imports back as it is once budgeting is on again${masked ? '. Names are masked (presentation mode is on), so this file can’t be imported back' : ''}.`
          : `Downloaded the allocations of ${formatCount(downloaded)} members.`}
      </p>
    </div>
  );
}
