import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { describeError } from '@/lib/arcgis/errors';
import { displayPerson, usePresentationMode } from '@/lib/presentation';
import type { AddMemberInput } from '../api/add-member-schema';
import { addMemberSchema } from '../api/add-member-schema';
import { useAddDemoMember } from '../api/use-add-demo-member';
import { formatAllocation } from '../utils/format';
import { useArcGISClient } from '@/lib/arcgis/client-context';

export interface AddMemberSectionProps {
  busy: boolean;
}

export function AddMemberSection({ busy }: AddMemberSectionProps) {
  const client = useArcGISClient();
  const add = useAddDemoMember(client);
  const [masked] = usePresentationMode();
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<AddMemberInput>({ resolver: zodResolver(addMemberSchema), defaultValues: { fullName: '' } });

  const onSubmit = handleSubmit((values) =>
    add.mutate({ fullName: values.fullName || undefined }, { onSuccess: () => reset() }),
  );
  const added = add.data?.member;
  const shown = added && displayPerson(added, masked);

  return (
    <section className="demo-section" aria-labelledby="demo-add-title">
      <h3 id="demo-add-title">Add a member</h3>
      <p className="field-hint">
        A new member gets the organization’s current default allocation — change the default on the Overview
        first to show it working.
      </p>
      <form className="demo-inline-form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="demo-full-name">Full name (optional)</label>
          <input
            id="demo-full-name"
            autoComplete="off"
            placeholder="A generated name"
            aria-invalid={errors.fullName ? 'true' : 'false'}
            aria-describedby={errors.fullName ? 'demo-full-name-error' : undefined}
            {...register('fullName')}
          />
          {errors.fullName && (
            <p id="demo-full-name-error" className="field-error">
              {errors.fullName.message}
            </p>
          )}
        </div>
        <button type="submit" className="button button-secondary" disabled={busy}>
          {add.isPending ? 'Adding…' : 'Add a member'}
        </button>
      </form>
      <div aria-live="polite" className="demo-outcome">
        {add.isSuccess && added && shown && (
          <p className="notice notice-success">
            Added {shown.fullName} ({shown.displayUsername}) with an allocation of{' '}
            <strong>{formatAllocation(added.assignedCredits)}</strong>.
          </p>
        )}
      </div>
      {add.isError && (
        <p className="notice notice-error" role="alert">
          No member was added: {describeError(add.error)}
        </p>
      )}
    </section>
  );
}
