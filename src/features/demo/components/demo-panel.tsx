import { useQuery } from '@tanstack/react-query';
import type { DemoStatus } from '@/lib/arcgis/demo';
import { formatCount } from '@/lib/format';
import { portalQueries } from '@/lib/portal-queries';
import { daysLabel, formatCreditAmount, formatDemoDate } from '../utils/format';
import { AddMemberSection } from './add-member-section';
import { AdvanceClockSection } from './advance-clock-section';
import { NotificationsSection } from './notifications-section';
import { ResetSection } from './reset-section';
import { useArcGISClient } from '@/lib/arcgis/client-context';

export interface DemoPanelProps {
  status: DemoStatus;
  /** A demo action is running: every control waits. */
  busy: boolean;
}

export function DemoPanel({ status, busy }: DemoPanelProps) {
  const client = useArcGISClient();
  const self = useQuery(portalQueries.self(client));
  const balance = self.data?.availableCredits;
  return (
    <div className="demo-panel">
      <dl className="demo-facts">
        <div>
          <dt>Simulated date</dt>
          <dd>
            {formatDemoDate(status.now)}
            <span className="muted small">
              {status.advancedDays > 0 ? ` (today + ${daysLabel(status.advancedDays)})` : ' (today)'}
            </span>
          </dd>
        </div>
        <div>
          <dt>Organization balance</dt>
          <dd>{typeof balance === 'number' ? formatCreditAmount(balance) : '—'}</dd>
        </div>
        <div>
          <dt>Members</dt>
          <dd>{formatCount(status.members)}</dd>
        </div>
      </dl>
      <AdvanceClockSection busy={busy} />
      <AddMemberSection busy={busy} />
      <NotificationsSection />
      <ResetSection busy={busy} />
    </div>
  );
}
