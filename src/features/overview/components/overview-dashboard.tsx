import { useQuery } from '@tanstack/react-query';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { describeError } from '@/lib/arcgis/errors';
import { isBudgetingEnabled } from '@/lib/arcgis/schemas';
import { portalQueries } from '@/lib/portal-queries';
import { CreditsHeadline } from './credits-headline';
import { BudgetingCard } from './budgeting-card';
import { DefaultAllocationCard } from './default-allocation-card';
import { AllocationSummaryCard } from './allocation-summary-card';
import { ForecastCard } from './forecast-card';
import { PolicyDriftCard } from './policy-drift-card';
import { ScheduleNotebookCard } from '@/components/notebook/schedule-notebook-card';
import { ResetDueCard } from '@/components/resets/reset-due-card';
import '../overview.css';
import { useArcGISClient } from '@/lib/arcgis/client-context';

/** The Overview's panels (O1–O5) over the signed-in org. */
export function OverviewDashboard() {
  const client = useArcGISClient();
  const self = useQuery(portalQueries.self(client));
  if (self.isPending) return <Skeleton lines={4} label="Loading the organization" />;
  // Stale data beats an error screen: a failed background refetch keeps the page (and typed input).
  if (self.isError && !self.data) {
    return (
      <ErrorState
        title="The organization could not be loaded"
        message={describeError(self.error)}
        onRetry={() => void self.refetch()}
      />
    );
  }
  const portal = self.data;
  const balance = portal.availableCredits ?? 0;
  return (
    <div className="overview-grid">
      <CreditsHeadline portal={portal} />
      <BudgetingCard portal={portal} />
      <AllocationSummaryCard budgetingEnabled={isBudgetingEnabled(portal)} balance={balance} />
      <DefaultAllocationCard portal={portal} />
      <PolicyDriftCard />
      <ForecastCard balance={balance} renewal={portal.subscriptionInfo?.expDate} />
      <ResetDueCard />
      <ScheduleNotebookCard />
    </div>
  );
}
