import type { DemoAdvanceStep } from '@/lib/arcgis/demo';
import { DEMO_ADVANCE_STEPS } from '@/lib/arcgis/demo';
import { describeError } from '@/lib/arcgis/errors';
import { useAdvanceDemoClock } from '../api/use-advance-demo-clock';
import { daysLabel, formatDemoDate } from '../utils/format';
import { useArcGISClient } from '@/lib/arcgis/client-context';

export interface AdvanceClockSectionProps {
  busy: boolean;
}

export function AdvanceClockSection({ busy }: AdvanceClockSectionProps) {
  const client = useArcGISClient();
  const advance = useAdvanceDemoClock(client);
  const run = (days: DemoAdvanceStep) => advance.mutate({ days });

  return (
    <section className="demo-section" aria-labelledby="demo-advance-title">
      <h3 id="demo-advance-title">Advance the clock</h3>
      <p className="field-hint">
        Usage accrues from each member’s pattern: the balance falls, capped members run down and some run out,
        and the forecast and charts move.
      </p>
      <div className="demo-buttons" role="group" aria-label="Advance the clock by">
        {DEMO_ADVANCE_STEPS.map((days) => (
          <button
            key={days}
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() => run(days)}
          >
            +{daysLabel(days)}
          </button>
        ))}
      </div>
      <div aria-live="polite" className="demo-outcome">
        {advance.isPending && (
          <p className="muted">Advancing {daysLabel(advance.variables.days)} and refreshing every page…</p>
        )}
        {advance.isSuccess && (
          <p className="notice notice-success">
            Moved {daysLabel(advance.variables.days)} ahead: it is now {formatDemoDate(advance.data.now)}.
          </p>
        )}
      </div>
      {advance.isError && (
        <p className="notice notice-error" role="alert">
          The clock did not move: {describeError(advance.error)}
        </p>
      )}
    </section>
  );
}
