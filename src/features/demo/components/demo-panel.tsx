import { useQuery } from '@tanstack/react-query';
import type { DemoStatus } from '@/lib/arcgis/demo';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { formatCount } from '@/lib/format';
import { portalQueries } from '@/lib/portal-queries';
import { daysLabel, formatCreditAmount, formatDemoDate } from '../utils/format';
import { AddMemberSection } from './add-member-section';
import { AdvanceClockSection } from './advance-clock-section';
import { ResetSection } from './reset-section';

export interface DemoPanelProps {
  client: ArcGISClient;
  status: DemoStatus;
  /** A demo action is running: every control waits. */
  busy: boolean;
}

export function DemoPanel({ client, status, busy }: DemoPanelProps) {
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
      <AdvanceClockSection client={client} busy={busy} />
      <AddMemberSection client={client} busy={busy} />
      <ResetSection client={client} busy={busy} />
    </div>
  );
}
