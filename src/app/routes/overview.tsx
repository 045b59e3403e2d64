import { OverviewDashboard } from '@/features/overview/components/overview-dashboard';
import { useDocumentTitle } from '@/lib/document-title';
import { PrintHandoutButton } from '@/features/demo/components/print-handout-button';

export function OverviewRoute() {
  useDocumentTitle('Overview');
  return (
    <div className="page">
      <header className="page-header">
        <h1>Overview</h1>
        <PrintHandoutButton />
      </header>
      <OverviewDashboard />
    </div>
  );
}
