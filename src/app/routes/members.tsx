import { lazy, Suspense, useCallback, useLayoutEffect, useRef } from 'react';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { describeError } from '@/lib/arcgis/errors';
import { useSession } from '@/features/auth/components/session-context';
import { useOrgClock } from '@/lib/org-clock';
import { useDocumentTitle } from '@/lib/document-title';
import { MembersPage } from '@/features/members/components/members-page';
import { useMemberTableState } from '@/features/members/hooks/use-member-table-state';

// The usage chart (recharts) loads only when a member dialog opens.
const MemberUsageChart = lazy(() =>
  import('@/features/usage/components/member-usage-chart').then((m) => ({ default: m.MemberUsageChart })),
);

export function MembersRoute() {
  const { client } = useSession();
  useDocumentTitle('Members');
  const heading = useRef<HTMLHeadingElement>(null);
  const { member } = useMemberTableState();
  const openedOnArrival = useRef(member !== null);
  // Arriving with a member open (a link from Usage's top consumers): the link that was focused is
  // gone, so the page heading takes focus first. When the dialog closes, focus goes to that member's
  // row if it is on screen, else back to this heading (see `pageHeading`).
  useLayoutEffect(() => {
    if (!openedOnArrival.current) return;
    const active = document.activeElement;
    if (active === null || active === document.body) heading.current?.focus();
  }, []);
  const clock = useOrgClock(client);
  const { now } = clock;
  const renderMemberUsage = useCallback(
    (username: string) => (
      <ErrorBoundary
        fallback={({ error, reset }) => (
          <ErrorState title="Usage could not be shown" message={describeError(error)} onRetry={reset} />
        )}
      >
        <Suspense fallback={<Skeleton lines={3} label="Loading usage…" />}>
          <MemberUsageChart username={username} now={now()} />
        </Suspense>
      </ErrorBoundary>
    ),
    [now],
  );
  return (
    <div className="page">
      <header className="page-header">
        <h1 ref={heading} tabIndex={-1}>
          Members
        </h1>
      </header>
      <MembersPage renderMemberUsage={renderMemberUsage} pageHeading={heading} />
    </div>
  );
}
