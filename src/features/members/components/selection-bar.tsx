import { formatCount } from '../utils/format';
import type { BulkMode } from './bulk-dialog';

export interface SelectionBarProps {
  matching: number;
  total: number;
  selected: number;
  allMatchingSelected: boolean;
  isBudgetingEnabled: boolean;
  onSelectAllMatching(): void;
  onClear(): void;
  /** Opens a bulk dialog; `opener` is the button, for focus to return to. */
  onBulk(mode: BulkMode, opener: HTMLElement): void;
  /** Opens "Notify" for the selected members. */
  onNotify?(opener: HTMLElement): void;
}

/** Counts, "Select all N matching" and the bulk actions for the selection. */
export function SelectionBar(props: SelectionBarProps) {
  const { matching, total, selected, isBudgetingEnabled } = props;
  const disabledReason = isBudgetingEnabled ? undefined : 'Credit budgeting is off';
  return (
    <div className="selection-bar" role="region" aria-label="Selection">
      <p className="selection-count" aria-live="polite">
        {matching === total
          ? `${formatCount(total)} members`
          : `${formatCount(matching)} of ${formatCount(total)} members match`}
        {selected > 0 && ` · ${formatCount(selected)} selected`}
      </p>
      {!props.allMatchingSelected && matching > 0 && (
        <button type="button" className="button button-link" onClick={props.onSelectAllMatching}>
          Select all {formatCount(matching)} matching
        </button>
      )}
      {selected > 0 && (
        <button type="button" className="button button-link" onClick={props.onClear}>
          Clear selection
        </button>
      )}
      <div className="selection-actions">
        <button
          type="button"
          className="button button-primary button-small"
          disabled={selected === 0 || !isBudgetingEnabled}
          title={disabledReason}
          onClick={(e) => props.onBulk('set', e.currentTarget)}
        >
          Set allocation…
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={selected === 0 || !isBudgetingEnabled}
          title={disabledReason}
          onClick={(e) => props.onBulk('remove', e.currentTarget)}
        >
          Remove limit
        </button>
        {props.onNotify && (
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={selected === 0}
            onClick={(e) => props.onNotify?.(e.currentTarget)}
          >
            Notify…
          </button>
        )}
      </div>
      {!isBudgetingEnabled && (
        <p className="small muted">Bulk allocation is unavailable while credit budgeting is off.</p>
      )}
    </div>
  );
}
