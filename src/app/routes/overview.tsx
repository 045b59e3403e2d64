import { OverviewDashboard } from '@/features/overview/components/overview-dashboard';
import { useDocumentTitle } from '@/lib/document-title';
import { PrintHandoutButton } from '@/features/demo/components/print-handout-button';
import { MoneyLens } from '@/features/what-if/components/money-lens';
import { WhatIfArea } from '@/features/what-if/components/what-if-area';
import { PoliciesInForce } from '@/features/what-if/components/policies-in-force';
import { WhatIfButton } from '@/features/what-if/components/what-if-button';

export function OverviewRoute() {
  useDocumentTitle('Overview');
  return (
    <div className="page">
      <header className="page-header">
        <h1>Overview</h1>
        <div className="page-header-tools">
          <MoneyLens />
          <WhatIfButton />
          <PrintHandoutButton />
        </div>
      </header>
      <WhatIfArea />
      <OverviewDashboard />
      <PoliciesInForce />
    </div>
  );
}
