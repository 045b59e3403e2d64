import { useEffect, useState } from 'react';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import { formatCount } from '@/lib/format';
import { useMemberIndexStatus } from '@/lib/member-index';

/** "just now", "1 minute ago", "12 minutes ago", "3 hours ago", "2 days ago". */
export function updatedAgo(at: number, now: number): string {
  const minutes = Math.max(0, Math.floor((now - at) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/**
 * "Showing 2,000 of 250,000 members from this browser's copy, updated 12 minutes ago — reading the
 * rest…": what the table holds while a warm visit reads the rest of the kept copy.
 */
export function keptFirstScreenText(
  kept: { shown: number; total: number },
  updatedAt: number,
  now: number,
  loading: boolean,
): string {
  const what =
    kept.shown < kept.total
      ? `Showing ${formatCount(kept.shown)} of ${formatCount(kept.total)} members`
      : `Showing all ${formatCount(kept.total)} members`;
  const next = kept.shown < kept.total ? 'reading the rest…' : 'checking the portal for changes…';
  return `${what} from this browser's copy, updated ${updatedAgo(updatedAt, now)}${
    loading ? ` — ${next}` : kept.shown < kept.total ? ' — the rest could not be read' : ''
  }`;
}

/** The current time, ticking once a minute (for "Updated N minutes ago"). */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * How complete and how fresh the members on screen are: "Loaded 40,000 of 250,000 members" while a
 * first load runs (what is loaded can already be searched and sorted), and "Updated 12 minutes ago"
 * for this browser's copy from an earlier visit while it is re-read. Says nothing once the members
 * on screen are a complete, fresh read.
 */
export function MemberIndexStatusLine({ of = 'members' }: { of?: 'members' | 'summary' }) {
  const client = useArcGISClient();
  const status = useMemberIndexStatus(client);
  const now = useMinuteClock();
  if (!status) return null;
  // The summary beside it is the kept figures over every member: only the table shows part.
  if (status.kept && of === 'members' && status.updatedAt !== undefined) {
    return (
      <p className="member-index-status muted small" role="status">
        {keptFirstScreenText(status.kept, status.updatedAt, Math.max(now, status.updatedAt), status.loading)}
      </p>
    );
  }
  if (status.partial && status.total > 0 && !status.kept) {
    return (
      <div className="member-index-status" role="status">
        <p className="muted small">
          Loaded {formatCount(status.loaded)} of {formatCount(status.total)} members
          {status.loading ? ' — the figures cover those loaded so far' : ''}
        </p>
        <progress
          aria-label="Loading members"
          max={status.total}
          value={Math.min(status.loaded, status.total)}
        />
      </div>
    );
  }
  if (status.fromCache && status.updatedAt !== undefined) {
    return (
      <p className="member-index-status muted small" role="status">
        Updated {updatedAgo(status.updatedAt, Math.max(now, status.updatedAt))}
        {status.loading ? ' — checking the portal for changes…' : ''}
      </p>
    );
  }
  return null;
}
