import { useId, useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { PolicyRule } from '@/lib/policies/types';
import { inputOfRule, ruleSchema, type RuleInput } from '../api/rule-schema';
import { useReturnFocus } from '@/lib/use-return-focus';

export interface TargetOption {
  value: string;
  label: string;
}

export interface TargetOptions {
  role: TargetOption[];
  'user-type': TargetOption[];
  group: TargetOption[];
}

export interface RuleDialogProps {
  open: boolean;
  /** The rule being edited; undefined for a new rule. */
  rule: PolicyRule | undefined;
  options: TargetOptions;
  /** Groups are still loading (or failed): the group list says so. */
  groupsNote?: string;
  onSave(values: RuleInput): Promise<void>;
  onClose(): void;
}

const LEVEL_CHOICES: { value: RuleInput['level']; label: string }[] = [
  { value: 'user-type', label: 'User type' },
  { value: 'role', label: 'Role' },
  { value: 'group', label: 'Group' },
];

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Add or edit one rule: who it covers, the allocation, and an optional reset period. */
export function RuleDialog(props: RuleDialogProps) {
  const returnFocus = useReturnFocus(props.open);
  return (
    <Dialog.Root open={props.open} onOpenChange={(open) => !open && props.onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog policies-dialog"
          aria-describedby={undefined}
          onCloseAutoFocus={returnFocus}
        >
          <Dialog.Close className="dialog-close" aria-label="Close">
            <span aria-hidden="true">×</span>
          </Dialog.Close>
          <Dialog.Title className="dialog-title">{props.rule ? 'Edit rule' : 'Add a rule'}</Dialog.Title>
          {props.open && <RuleForm key={props.rule?.id ?? 'new'} {...props} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function RuleForm({ rule, options, groupsNote, onSave, onClose }: RuleDialogProps) {
  const id = useId();
  const [failure, setFailure] = useState<string | undefined>();
  const {
    register,
    handleSubmit,
    control,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<RuleInput>({ resolver: zodResolver(ruleSchema), defaultValues: inputOfRule(rule) });
  const [level, noLimit, reset] = useWatch({ control, name: ['level', 'noLimit', 'reset'] });
  const choices = options[level];

  const submit = async (values: RuleInput) => {
    setFailure(undefined);
    try {
      await onSave(values);
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    }
  };

  const err = (name: keyof RuleInput) =>
    errors[name] && (
      <p id={`${id}-${name}-error`} className="field-error" role="alert">
        {errors[name]?.message}
      </p>
    );
  const described = (name: keyof RuleInput) => (errors[name] ? `${id}-${name}-error` : undefined);

  return (
    <form className="form" onSubmit={(e) => void handleSubmit(submit)(e)} noValidate>
      <fieldset className="field policies-levels">
        <legend className="field-label">Covers members by</legend>
        {LEVEL_CHOICES.map((c) => (
          <label key={c.value} className="policies-radio">
            <input
              type="radio"
              value={c.value}
              {...register('level', { onChange: () => setValue('target', '') })}
            />{' '}
            {c.label}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-target`}>
          {LEVEL_CHOICES.find((c) => c.value === level)?.label ?? 'Target'}
        </label>
        <select
          id={`${id}-target`}
          aria-invalid={errors.target ? true : undefined}
          aria-describedby={described('target')}
          {...register('target')}
        >
          <option value="">Choose…</option>
          {choices.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {level === 'group' && groupsNote && <p className="field-hint">{groupsNote}</p>}
        {err('target')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-allocation`}>Allocation (credits)</label>
        <input
          id={`${id}-allocation`}
          inputMode="decimal"
          autoComplete="off"
          disabled={noLimit}
          aria-invalid={errors.allocation ? true : undefined}
          aria-describedby={described('allocation')}
          {...register('allocation')}
        />
        {err('allocation')}
      </div>
      <div className="field field-checkbox">
        <label>
          <input type="checkbox" {...register('noLimit')} /> No limit
        </label>
      </div>
      <div className="field">
        <label htmlFor={`${id}-reset`}>Reset</label>
        <select id={`${id}-reset`} {...register('reset')}>
          <option value="none">Never (allocate once)</option>
          <option value="monthly">Every month</option>
          <option value="dates">On given dates (e.g. semesters)</option>
          <option value="fiscal-year">Every fiscal year</option>
        </select>
        <p className="field-hint">
          On a reset, covered members get this amount again as a new allocation period.
        </p>
      </div>
      {reset === 'monthly' && (
        <div className="field">
          <label htmlFor={`${id}-day`}>Day of the month</label>
          <input
            id={`${id}-day`}
            inputMode="numeric"
            aria-invalid={errors.resetDay ? true : undefined}
            aria-describedby={described('resetDay')}
            {...register('resetDay')}
          />
          {err('resetDay')}
        </div>
      )}
      {reset === 'dates' && (
        <div className="field">
          <label htmlFor={`${id}-dates`}>Reset dates</label>
          <input
            id={`${id}-dates`}
            placeholder="2027-01-15, 2027-08-20"
            aria-invalid={errors.resetDates ? true : undefined}
            aria-describedby={described('resetDates')}
            {...register('resetDates')}
          />
          {err('resetDates')}
        </div>
      )}
      {reset === 'fiscal-year' && (
        <div className="policies-row">
          <div className="field">
            <label htmlFor={`${id}-fmonth`}>Fiscal year starts in</label>
            <select id={`${id}-fmonth`} {...register('fiscalMonth')}>
              {MONTHS.map((m, i) => (
                <option key={m} value={String(i + 1)}>
                  {m}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-fday`}>on day</label>
            <input
              id={`${id}-fday`}
              inputMode="numeric"
              aria-invalid={errors.fiscalDay ? true : undefined}
              aria-describedby={described('fiscalDay')}
              {...register('fiscalDay')}
            />
            {err('fiscalDay')}
          </div>
        </div>
      )}
      {failure && (
        <div className="notice notice-error" role="alert">
          The rule was not saved: {failure}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save rule'}
        </button>
      </div>
    </form>
  );
}
