import type { GroupConflict } from '@/lib/policies/types';

export interface ConflictSettingProps {
  value: GroupConflict;
  isSaving: boolean;
  onChange(value: GroupConflict): void;
}

/** Which group rule wins for a member in several groups. */
export function ConflictSetting({ value, isSaving, onChange }: ConflictSettingProps) {
  return (
    <fieldset className="card policies-conflict" disabled={isSaving}>
      <legend className="card-title">A member in several groups with rules gets</legend>
      <label className="policies-radio">
        <input
          type="radio"
          name="group-conflict"
          checked={value === 'highest'}
          onChange={() => onChange('highest')}
        />{' '}
        The highest allocation
      </label>
      <label className="policies-radio">
        <input
          type="radio"
          name="group-conflict"
          checked={value === 'lowest'}
          onChange={() => onChange('lowest')}
        />{' '}
        The lowest allocation
      </label>
    </fieldset>
  );
}
