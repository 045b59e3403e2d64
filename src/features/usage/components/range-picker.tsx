import { useId, useState } from 'react';
import { DAY_MS } from '@/lib/time';
import { RANGE_PRESETS, type RangePresetId, type UsageRange } from '../utils/ranges';
import { isoDate } from '../utils/format';
import type { RangeSelection } from '../hooks/use-usage-search';
import { CustomRangeForm } from './custom-range-form';

export interface RangePickerProps {
  selection: RangeSelection;
  range: UsageRange;
  onPreset(preset: RangePresetId): void;
  /** The organization's "now". */
  now: number;
  onCustom(from: string, to: string): void;
}

/** Range presets (7 d … 12 mo) and a custom range. */
export function RangePicker({ selection, range, onPreset, onCustom, now }: RangePickerProps) {
  const [isEditing, setEditing] = useState(false);
  const labelId = useId();
  const isCustom = selection.kind === 'custom';
  return (
    <div className="usage-range">
      <span className="field-label" id={labelId}>
        Range
      </span>
      <div className="usage-range-buttons" role="group" aria-labelledby={labelId}>
        {RANGE_PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            className="button button-secondary button-small"
            aria-pressed={selection.kind === 'preset' && selection.preset === p.id}
            onClick={() => {
              setEditing(false);
              onPreset(p.id);
            }}
          >
            {p.label}
          </button>
        ))}
        <button
          type="button"
          className="button button-secondary button-small"
          aria-pressed={isCustom}
          aria-expanded={isEditing}
          onClick={() => setEditing((v) => !v)}
        >
          Custom…
        </button>
      </div>
      {isEditing && (
        <CustomRangeForm
          now={now}
          defaultFrom={isCustom ? selection.from : isoDate(range.start)}
          defaultTo={isCustom ? selection.to : isoDate(range.end - DAY_MS / 24)}
          onApply={(from, to) => {
            setEditing(false);
            onCustom(from, to);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
    </div>
  );
}
