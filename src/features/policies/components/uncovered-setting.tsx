import type { UncoveredMembers } from '@/lib/policies/types';

export interface UncoveredSettingProps {
  value: UncoveredMembers;
  isSaving: boolean;
  onChange(value: UncoveredMembers): void;
}

/** What members no rule or override covers get. */
export function UncoveredSetting({ value, isSaving, onChange }: UncoveredSettingProps) {
  return (
    <fieldset className="card policies-conflict" disabled={isSaving}>
      <legend className="card-title">Members no rule covers</legend>
      <label className="policies-radio">
        <input
          type="radio"
          name="uncovered-members"
          checked={value === 'org-default'}
          onChange={() => onChange('org-default')}
        />{' '}
        Use the organization’s default allocation
      </label>
      <label className="policies-radio">
        <input
          type="radio"
          name="uncovered-members"
          checked={value === 'keep'}
          onChange={() => onChange('keep')}
        />{' '}
        Keep their current allocation
      </label>
    </fieldset>
  );
}
