import { useSession } from '@/features/auth/components/session-context';
import { OverviewDashboard } from '@/features/overview/components/overview-dashboard';
import { useDocumentTitle } from '@/lib/document-title';
import { PrintHandoutButton } from '@/features/demo/components/print-handout-button';

export function OverviewRoute() {
  const { client } = useSession();
  useDocumentTitle('Overview');
  return (
    <div className="page">
      <header className="page-header">
        <h1>Overview</h1>
        <PrintHandoutButton />
      </header>
      <OverviewDashboard client={client} />
    </div>
  );
}
