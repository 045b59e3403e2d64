import { lazy, Suspense, useCallback } from 'react';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { describeError } from '@/lib/arcgis/errors';
import { useSession } from '@/features/auth/components/session-context';
import { useOrgClock } from '@/lib/org-clock';
import { MembersPage } from '@/features/members/components/members-page';

// The usage chart (recharts) loads only when a member dialog opens.
const MemberUsageChart = lazy(() =>
  import('@/features/usage/components/member-usage-chart').then((m) => ({ default: m.MemberUsageChart })),
);

export function MembersRoute() {
  const { client } = useSession();
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
          <MemberUsageChart username={username} client={client} now={now()} />
        </Suspense>
      </ErrorBoundary>
    ),
    [client, now],
  );
  return (
    <div className="page">
      <header className="page-header">
        <h1>Members</h1>
      </header>
      <MembersPage renderMemberUsage={renderMemberUsage} />
    </div>
  );
}
