import { useId, useState, type FormEvent } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import * as Switch from '@radix-ui/react-switch';
import { useMutation } from '@tanstack/react-query';
import { describeError } from '@/lib/arcgis/errors';
import {
  formatMoney,
  pricingSchema,
  useMoneyLensSwitch,
  useOrgPricing,
  type Pricing,
  type PricingHome,
} from '@/lib/money';
import { useReturnFocus } from '@/lib/use-return-focus';

/**
 * The money lens: a switch that shows credits' value in a currency beside them, and the price per
 * credit it uses. No price is assumed: switching the lens on without one asks for it.
 */
export function MoneyLens() {
  const { pricing, home, save } = useOrgPricing();
  const [on, setOn] = useMoneyLensSwitch();
  const [editing, setEditing] = useState(false);
  const returnFocus = useReturnFocus(editing);
  return (
    <div className="money-lens">
      <div className="money-lens-toggle print-hide">
        <label htmlFor="money-lens" className="money-lens-label">
          Show money
        </label>
        <Switch.Root
          id="money-lens"
          className="switch"
          checked={on && pricing !== undefined}
          onCheckedChange={(next) => {
            if (next && !pricing) setEditing(true);
            setOn(next);
          }}
          aria-describedby="money-lens-hint"
        >
          <Switch.Thumb className="switch-thumb" />
        </Switch.Root>
        <span id="money-lens-hint" className="visually-hidden">
          {pricing
            ? `Shows credits in ${pricing.currency} beside them, at ${formatMoney(1, pricing)} a credit.`
            : 'Shows credits in a currency beside them once a price per credit is set.'}
        </span>
      </div>
      <button
        type="button"
        className="button button-secondary button-small print-hide"
        onClick={() => setEditing(true)}
      >
        {pricing ? `Price: ${formatMoney(1, pricing)} a credit` : 'Set a price per credit…'}
      </button>
      {on && pricing && (
        <p className="money-print-note">
          Money at {formatMoney(1, pricing)} a credit ({pricing.currency}), as set by the administrator.
        </p>
      )}
      <Dialog.Root open={editing} onOpenChange={(next) => !next && setEditing(false)}>
        <Dialog.Portal>
          <Dialog.Overlay className="dialog-overlay" />
          <Dialog.Content className="dialog" aria-describedby={undefined} onCloseAutoFocus={returnFocus}>
            <Dialog.Title className="dialog-title">Price per credit</Dialog.Title>
            {editing && (
              <PriceForm
                pricing={pricing}
                home={home}
                save={save}
                onSaved={(next) => {
                  setOn(next !== undefined);
                  setEditing(false);
                }}
                onClose={() => setEditing(false)}
              />
            )}
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </div>
  );
}

interface PriceFormProps {
  pricing: Pricing | undefined;
  home: PricingHome | undefined;
  save(next: Pricing | undefined): Promise<void>;
  onSaved(next: Pricing | undefined): void;
  onClose(): void;
}

function PriceForm({ pricing, home, save, onSaved, onClose }: PriceFormProps) {
  const saving = useMutation({ mutationFn: save });
  const onSave = (next: Pricing | undefined) => saving.mutate(next, { onSuccess: () => onSaved(next) });
  const id = useId();
  const [price, setPrice] = useState(pricing ? String(pricing.pricePerCredit) : '');
  const [currency, setCurrency] = useState(pricing?.currency ?? '');
  const [errors, setErrors] = useState<{ price?: string; currency?: string }>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = price.trim();
    const number = /^\d+(\.\d+)?$|^\.\d+$/.test(text) ? Number(text) : Number.NaN;
    const parsed = pricingSchema.safeParse({
      pricePerCredit: text === '' ? undefined : number,
      currency,
    });
    if (parsed.success) return onSave(parsed.data);
    const next: { price?: string; currency?: string } = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'currency' ? 'currency' : 'price';
      next[field] ??=
        field === 'price' && text !== '' && Number.isNaN(number)
          ? 'Enter the price as a number with a point for decimals, such as 0.1.'
          : issue.message;
    }
    setErrors(next);
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <p className="muted small">
        What one credit costs your organization. It is used only to show money beside credits;{' '}
        {home === 'browser'
          ? 'saved in this browser (the organization’s policies could not be read).'
          : 'saved with the organization’s policies, so every administrator sees it.'}
      </p>
      <div className="field">
        <label htmlFor={`${id}-price`}>Price of one credit</label>
        <input
          id={`${id}-price`}
          inputMode="decimal"
          autoComplete="off"
          value={price}
          aria-invalid={errors.price ? true : undefined}
          aria-describedby={errors.price ? `${id}-price-error` : undefined}
          onChange={(e) => {
            setPrice(e.target.value);
            setErrors((x) => ({ ...x, price: undefined }));
          }}
        />
        {errors.price && (
          <p id={`${id}-price-error`} className="field-error" role="alert">
            {errors.price}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-currency`}>Currency (three-letter code)</label>
        <input
          id={`${id}-currency`}
          autoComplete="off"
          maxLength={3}
          value={currency}
          placeholder="USD"
          aria-invalid={errors.currency ? true : undefined}
          aria-describedby={errors.currency ? `${id}-currency-error` : undefined}
          onChange={(e) => {
            setCurrency(e.target.value);
            setErrors((x) => ({ ...x, currency: undefined }));
          }}
        />
        {errors.currency && (
          <p id={`${id}-currency-error`} className="field-error" role="alert">
            {errors.currency}
          </p>
        )}
      </div>
      {saving.isError && (
        <p className="notice notice-error" role="alert">
          The price could not be saved: {describeError(saving.error)}
        </p>
      )}
      <div className="dialog-actions">
        {pricing && (
          <button
            type="button"
            className="button button-secondary"
            disabled={saving.isPending}
            onClick={() => onSave(undefined)}
          >
            Remove the price
          </button>
        )}
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={saving.isPending}>
          Save price
        </button>
      </div>
    </form>
  );
}
