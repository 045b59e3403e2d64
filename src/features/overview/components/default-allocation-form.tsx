import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import { describeError } from '@/lib/arcgis/errors';
import { portalQueries } from '@/lib/portal-queries';
import {
  defaultAllocationSchema,
  toFormValues,
  toSetting,
  type DefaultAllocationInput,
} from '../api/default-allocation-schema';
import { useUpdateOrgSettings } from '../api/use-update-org-settings';
import { describeDefault } from '../utils/format';

export interface DefaultAllocationFormProps {
  defaultValues: DefaultAllocationInput;
}

export function DefaultAllocationForm({ defaultValues }: DefaultAllocationFormProps) {
  const client = useArcGISClient();
  const queryClient = useQueryClient();
  const update = useUpdateOrgSettings(client);
  const [saved, setSaved] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setValue,
    control,
    formState: { errors, isDirty },
  } = useForm<DefaultAllocationInput>({ resolver: zodResolver(defaultAllocationSchema), defaultValues });
  const mode = useWatch({ control, name: 'mode' });

  const onSubmit = handleSubmit((values) => {
    setSaved(null);
    update.mutate(
      { defaultUserCreditAssignment: toSetting(values) },
      {
        onSuccess: () => {
          // Show what the server now says (the mutation waited for the re-read).
          const fresh = queryClient.getQueryData(portalQueries.self(client).queryKey);
          const value = fresh?.defaultUserCreditAssignment ?? toSetting(values);
          reset(toFormValues(value));
          setSaved(
            value < 0
              ? 'Saved. Members who join from now on have no limit.'
              : `Saved. Members who join from now on get ${describeDefault(value)}.`,
          );
        },
      },
    );
  });

  const amountField = register('amount', {
    onChange: () => {
      setSaved(null);
      setValue('mode', 'amount');
    },
  });

  return (
    <form className="form overview-default-form" onSubmit={onSubmit} noValidate>
      <fieldset className="overview-choice">
        <legend className="field-label">Default allocation</legend>
        <label className="overview-radio">
          <input type="radio" value="no-limit" {...register('mode', { onChange: () => setSaved(null) })} /> No
          limit
        </label>
        <label className="overview-radio">
          <input type="radio" value="amount" {...register('mode', { onChange: () => setSaved(null) })} /> A
          set number of credits
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor="overview-default-amount">Default allocation for new members</label>
        <input
          id="overview-default-amount"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          aria-invalid={errors.amount ? 'true' : 'false'}
          aria-describedby="overview-default-hint overview-default-error"
          // No limit needs no amount; what was typed stays for a switch back.
          disabled={mode === 'no-limit'}
          {...amountField}
        />
        <p id="overview-default-hint" className="field-hint">
          Credits, 0 or more (up to 3 decimals). Applies only to members who join later; existing members keep
          theirs.
        </p>
        <p id="overview-default-error" className="field-error">
          {errors.amount?.message}
        </p>
      </div>
      {update.isError && (
        <p role="alert" className="notice notice-error">
          The default allocation was not saved. {describeError(update.error)}
        </p>
      )}
      {saved && (
        <p role="status" className="notice notice-success">
          {saved}
        </p>
      )}
      <div>
        <button type="submit" className="button button-primary" disabled={update.isPending || !isDirty}>
          {update.isPending ? 'Saving…' : 'Save default'}
        </button>
      </div>
    </form>
  );
}
