import { useSession } from '@/features/auth/components/session-context';
import { OverviewDashboard } from '@/features/overview/components/overview-dashboard';

export function OverviewRoute() {
  const { client } = useSession();
  return (
    <div className="page">
      <header className="page-header">
        <h1>Overview</h1>
      </header>
      <OverviewDashboard client={client} />
    </div>
  );
}
