import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/arcgis/errors';
import { displayPerson, memberLink, usePresentationMode } from '@/lib/presentation';
import { usageQueries } from '../api/usage-queries';
import { formatCount } from '@/lib/format';
import { formatCredits, formatShare } from '../utils/format';
import type { UsageRange } from '../utils/ranges';
import { serviceName } from '../utils/service-names';
import { shapeTopConsumers } from '../utils/shape';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import { memberIndexQueries } from '@/lib/member-index';

export interface TopConsumersPanelProps {
  range: UsageRange;
  service: string | undefined;
}

const selectTop = (data: Parameters<typeof shapeTopConsumers>[0]) => shapeTopConsumers(data, 10);
const isSettled = () => true;

/** U2: the ten members who used the most credits in the range, with their share of the total. */
export function TopConsumersPanel({ range, service }: TopConsumersPanelProps) {
  const client = useArcGISClient();
  // Per-member usage is one row per member (megabytes in a 50,000-member org): it is requested once
  // the chart's data has settled, so parsing it never delays the chart.
  const chart = useQuery({
    ...usageQueries.byService(client, range),
    select: isSettled,
    throwOnError: false,
  });
  const top = useQuery({
    ...usageQueries.byMember(client, { start: range.start, end: range.end, service }),
    select: selectTop,
    enabled: !chart.isPending,
  });
  const [masked] = usePresentationMode();
  // Members' names come from the member index (shared with Overview and Members, usually loaded).
  const index = useQuery(memberIndexQueries.index(client));
  const names = useMemo(() => {
    const wanted = new Set(top.data?.consumers.map((c) => c.username.toLowerCase()));
    const found = new Map<string, string>();
    if (wanted.size === 0 || !index.data) return found;
    for (const m of index.data) {
      const key = m.username.toLowerCase();
      if (!wanted.has(key)) continue;
      const name = m.fullName || [m.firstName, m.lastName].filter(Boolean).join(' ');
      if (name) found.set(key, name);
      if (found.size === wanted.size) break;
    }
    return found;
  }, [top.data, index.data]);
  // Presentation mode shows aliases; links and requests keep the real username.
  const shown = (username: string) =>
    displayPerson({ username, fullName: names.get(username.toLowerCase()) }, masked);

  if (top.isPending) return <Skeleton lines={6} label="Loading top consumers…" />;
  if (top.isError && top.data === undefined) {
    return (
      <ErrorState
        title="Top consumers could not be loaded"
        message={describeError(top.error)}
        onRetry={() => void top.refetch()}
      />
    );
  }
  const { consumers, total, userCount } = top.data;
  if (consumers.length === 0) {
    return (
      <p className="usage-empty">
        No member used credits in this period{service ? ` for ${serviceName(service)}` : ''}.
      </p>
    );
  }
  return (
    <>
      <p className="muted small">
        Top {consumers.length} of {formatCount(userCount)} members who used credits · share of{' '}
        {formatCredits(total)} credits
        {service ? ` (${serviceName(service)})` : ''}. Select a member to open their allocation.
      </p>
      <table className="usage-table usage-top">
        <caption className="visually-hidden">Top consumers, {range.label}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Member</th>
            <th scope="col" className="num">
              Credits
            </th>
            <th scope="col">Share of total</th>
          </tr>
        </thead>
        <tbody>
          {consumers.map((c, i) => (
            <tr key={c.username}>
              <td className="num">{i + 1}</td>
              <th scope="row">
                <ConsumerName
                  person={shown(c.username)}
                  isOrgMember={c.isOrgMember}
                  link={memberLink(paths.members.href, c.username, masked)}
                />
              </th>
              <td className="num">{formatCredits(c.credits)}</td>
              <td>
                <span className="usage-share">
                  <span className="usage-share-bar" aria-hidden="true">
                    <span style={{ width: `${Math.max(1, Math.round(c.share * 100))}%` }} />
                  </span>
                  {formatShare(c.share)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

interface ConsumerNameProps {
  person: ReturnType<typeof displayPerson>;
  isOrgMember: boolean;
  link: ReturnType<typeof memberLink>;
}

/** A consumer by name (the username beside it), or by username until names are known. */
function ConsumerName({ person, isOrgMember, link }: ConsumerNameProps) {
  const label = person.fullName || person.displayUsername;
  const username = person.fullName && person.fullName !== person.displayUsername && (
    <span className="muted small"> {person.displayUsername}</span>
  );
  if (!isOrgMember) {
    return (
      <span>
        {label}
        {username} <span className="muted small">(outside your organization)</span>
      </span>
    );
  }
  return (
    <>
      <Link {...link}>{label}</Link>
      {username}
    </>
  );
}
