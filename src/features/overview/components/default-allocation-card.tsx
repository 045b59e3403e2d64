import { isBudgetingEnabled, type PortalSelf } from '@/lib/arcgis/schemas';
import { toFormValues } from '../api/default-allocation-schema';
import { describeDefault } from '../utils/format';
import { DefaultAllocationForm } from './default-allocation-form';

export interface DefaultAllocationCardProps {
  portal: PortalSelf;
}

/** O3: the allocation new members get. */
export function DefaultAllocationCard({ portal }: DefaultAllocationCardProps) {
  const current = portal.defaultUserCreditAssignment;
  return (
    <section className="card overview-default" aria-labelledby="overview-default-title">
      <h2 id="overview-default-title" className="overview-card-title">
        New members
      </h2>
      <p className="small">
        Current default: <strong>{describeDefault(current)}</strong>
      </p>
      {!isBudgetingEnabled(portal) && (
        <p className="muted small">
          Budgeting is off: the default applies to members who join while budgeting is on.
        </p>
      )}
      <DefaultAllocationForm defaultValues={toFormValues(current)} />
    </section>
  );
}
