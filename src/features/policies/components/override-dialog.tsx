import { useId, useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { overrideSchema, type OverrideInput } from '../api/override-schema';
import { useReturnFocus } from '@/lib/use-return-focus';

export interface OverrideDialogProps {
  open: boolean;
  /** Editing an existing override: the member is fixed. */
  initial: OverrideInput | undefined;
  /** The member's display name while editing (masked in presentation mode). */
  memberLabel?: string;
  /** Known member usernames (lower case), to refuse a typo. */
  isMember(username: string): boolean;
  onSave(values: OverrideInput): Promise<void>;
  onClose(): void;
}

const EMPTY: OverrideInput = { username: '', noLimit: false, allocation: '', note: '' };

/** Give one member their own allocation, above every rule. */
export function OverrideDialog(props: OverrideDialogProps) {
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
          <Dialog.Title className="dialog-title">
            {props.initial ? 'Edit override' : 'Add an override'}
          </Dialog.Title>
          {props.open && <OverrideForm key={props.initial?.username ?? 'new'} {...props} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function OverrideForm({ initial, memberLabel, isMember, onSave, onClose }: OverrideDialogProps) {
  const id = useId();
  const [failure, setFailure] = useState<string | undefined>();
  const {
    register,
    handleSubmit,
    control,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<OverrideInput>({ resolver: zodResolver(overrideSchema), defaultValues: initial ?? EMPTY });
  const noLimit = useWatch({ control, name: 'noLimit' });

  const submit = async (values: OverrideInput) => {
    if (!initial && !isMember(values.username.trim())) {
      setError('username', { message: 'No member with this username in the organization.' });
      return;
    }
    setFailure(undefined);
    try {
      await onSave({ ...values, username: values.username.trim() });
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <form className="form" onSubmit={(e) => void handleSubmit(submit)(e)} noValidate>
      {initial ? (
        <p>Member: {memberLabel}</p>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-username`}>Member username</label>
          <input
            id={`${id}-username`}
            autoComplete="off"
            aria-invalid={errors.username ? true : undefined}
            aria-describedby={errors.username ? `${id}-username-error` : undefined}
            {...register('username')}
          />
          {errors.username && (
            <p id={`${id}-username-error`} className="field-error" role="alert">
              {errors.username.message}
            </p>
          )}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-allocation`}>Allocation (credits)</label>
        <input
          id={`${id}-allocation`}
          inputMode="decimal"
          autoComplete="off"
          disabled={noLimit}
          aria-invalid={errors.allocation ? true : undefined}
          aria-describedby={errors.allocation ? `${id}-allocation-error` : undefined}
          {...register('allocation')}
        />
        {errors.allocation && (
          <p id={`${id}-allocation-error`} className="field-error" role="alert">
            {errors.allocation.message}
          </p>
        )}
      </div>
      <div className="field field-checkbox">
        <label>
          <input type="checkbox" {...register('noLimit')} /> No limit
        </label>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>Note (optional)</label>
        <input id={`${id}-note`} autoComplete="off" maxLength={500} {...register('note')} />
      </div>
      {failure && (
        <div className="notice notice-error" role="alert">
          The override was not saved: {failure}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save override'}
        </button>
      </div>
    </form>
  );
}
