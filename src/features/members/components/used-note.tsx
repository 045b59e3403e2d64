import { describeError } from '@/lib/arcgis/errors';
import { PERIOD_DAYS, type PeriodWindow } from '../api/period-usage-queries';

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

export interface UsedNoteProps {
  id: string;
  window: PeriodWindow;
  hasUncapped: boolean;
  isPending: boolean;
  error: Error | null;
  onRetry(): void;
}

/** Says what "Used (this period)" counts, and how the usage of members without a limit is doing. */
export function UsedNote({ id, window, hasUncapped, isPending, error, onRetry }: UsedNoteProps) {
  const range = `${dayFormat.format(window.start)} – ${dayFormat.format(window.end - 1)}`;
  return (
    <div className="member-used-note small">
      <p id={id} className="muted">
        Used (this period): a capped member’s credits since their allocation was set; for a member with no
        limit, the last {PERIOD_DAYS} days ({range}, UTC), marked “last 30 d”. Transaction services only:
        storage is charged to the organization.
      </p>
      {hasUncapped && error && (
        <p role="alert" className="notice notice-warning">
          Usage of members with no limit could not be loaded, so their Used shows “—”. {describeError(error)}{' '}
          <button type="button" className="button button-secondary button-small" onClick={onRetry}>
            Retry
          </button>
        </p>
      )}
      {hasUncapped && !error && isPending && (
        <p role="status" className="muted">
          Loading usage of members with no limit…
        </p>
      )}
    </div>
  );
}
