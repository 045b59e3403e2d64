import { useId, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { DAY_MS } from '@/lib/time';
import { MAX_LOOKBACK_DAYS, validateCustomRange } from '../utils/ranges';
import { isoDate } from '../utils/format';

export interface CustomRangeFormProps {
  defaultFrom: string;
  defaultTo: string;
  onApply(from: string, to: string): void;
  onCancel(): void;
  /** The organization's "now" (the demo portal's clock can run ahead of the browser's). */
  now: number;
}

function customRangeSchema(now: number) {
  return z.object({ from: z.string(), to: z.string() }).superRefine((v, ctx) => {
    const errors = validateCustomRange(v.from, v.to, now);
    if (errors.from) ctx.addIssue({ code: 'custom', path: ['from'], message: errors.from });
    if (errors.to) ctx.addIssue({ code: 'custom', path: ['to'], message: errors.to });
  });
}
type CustomRangeInput = z.infer<ReturnType<typeof customRangeSchema>>;

/** A custom range of whole days: From and To (inclusive), not in the future, at most a year back. */
export function CustomRangeForm({ defaultFrom, defaultTo, onApply, onCancel, now }: CustomRangeFormProps) {
  const schema = useMemo(() => customRangeSchema(now), [now]);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<CustomRangeInput>({
    resolver: zodResolver(schema),
    defaultValues: { from: defaultFrom, to: defaultTo },
  });
  const id = useId();
  const today = isoDate(now);
  const earliest = isoDate(Math.floor(now / DAY_MS) * DAY_MS - MAX_LOOKBACK_DAYS * DAY_MS);

  return (
    <form
      className="usage-custom-range"
      noValidate
      onSubmit={handleSubmit((v) => onApply(v.from, v.to))}
      aria-label="Custom range"
    >
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          min={earliest}
          max={today}
          aria-invalid={errors.from ? true : undefined}
          aria-describedby={errors.from ? `${id}-from-error` : `${id}-hint`}
          {...register('from')}
        />
        {errors.from && (
          <p id={`${id}-from-error`} className="field-error" role="alert">
            {errors.from.message}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          type="date"
          min={earliest}
          max={today}
          aria-invalid={errors.to ? true : undefined}
          aria-describedby={errors.to ? `${id}-to-error` : `${id}-hint`}
          {...register('to')}
        />
        {errors.to && (
          <p id={`${id}-to-error`} className="field-error" role="alert">
            {errors.to.message}
          </p>
        )}
      </div>
      <div className="usage-custom-actions">
        <button type="submit" className="button button-primary button-small">
          Apply range
        </button>
        <button type="button" className="button button-secondary button-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p id={`${id}-hint`} className="field-hint">
        Whole days in UTC, To included; up to one year back.
      </p>
    </form>
  );
}
