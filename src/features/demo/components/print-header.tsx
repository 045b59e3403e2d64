import { useOrgClock } from '@/lib/org-clock';
import { formatDemoDate } from '../utils/format';
import { useArcGISClient } from '@/lib/arcgis/client-context';

export interface PrintHeaderProps {
  orgName: string;
}

/**
 * Shown only on paper (D4): which organization and as of when, above the handout. The text is
 * CSS-generated from data attributes so the screen (and its accessibility tree) never shows it twice.
 */
export function PrintHeader({ orgName }: PrintHeaderProps) {
  const client = useArcGISClient();
  const clock = useOrgClock(client);
  return (
    <div
      className="print-header"
      data-org={orgName}
      data-date={`Credit budget report · ${formatDemoDate(clock.now())}`}
      aria-hidden="true"
    />
  );
}
