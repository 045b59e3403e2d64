import { useId, useMemo, useState, type FormEvent } from 'react';
import { NOTIFICATION_CHANNEL_LABELS, type NotificationChannel } from '@/lib/arcgis/notifications';
import { formatCount } from '@/lib/format';
import {
  PLACEHOLDERS,
  SUBJECT_MAX,
  TEMPLATES,
  longestRendered,
  renderFor,
  usesCreditPlaceholders,
  validateTemplate,
  type NotifyRecipient,
  type TemplateId,
} from '@/lib/notify/template';
import { displayPerson, maskPerson } from '@/lib/presentation';
import { VirtualList } from '../changes/virtual-list';

export interface ComposeValues {
  templateId: TemplateId;
  channel: NotificationChannel;
  subject: string;
  message: string;
}

export interface NotifyComposeProps {
  recipients: readonly NotifyRecipient[];
  orgName: string;
  isMasked: boolean;
  values: ComposeValues;
  onChange(values: ComposeValues): void;
  onCancel(): void;
  onSend(): void;
  /** Why the last send did not go out (e.g. the member may not notify), shown above the buttons. */
  failure?: string;
}

/** What a member sees of themselves in the preview: aliases in presentation mode. */
function shownRecipient(r: NotifyRecipient, masked: boolean): NotifyRecipient {
  if (!masked) return r;
  const m = maskPerson(r);
  return { ...r, username: m.displayUsername, fullName: m.fullName, firstName: m.fullName, email: m.email };
}

export function NotifyCompose(props: NotifyComposeProps) {
  const { recipients, values, onChange, isMasked } = props;
  const id = useId();
  const [errors, setErrors] = useState<{ subject?: string; message?: string }>({});
  const [previewAt, setPreviewAt] = useState(0);
  const previewed = recipients[Math.min(previewAt, recipients.length - 1)];
  const preview = useMemo(
    () => (previewed ? renderFor(shownRecipient(previewed, isMasked), values, props.orgName) : undefined),
    [previewed, isMasked, values, props.orgName],
  );
  const uncapped = useMemo(() => recipients.filter((r) => r.limit.kind !== 'capped').length, [recipients]);
  const set = (patch: Partial<ComposeValues>) => {
    onChange({ ...values, ...patch });
    setErrors((prev) => ({
      subject: 'subject' in patch ? undefined : prev.subject,
      message: 'message' in patch ? undefined : prev.message,
    }));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateTemplate(values, longestRendered(recipients, values, props.orgName));
    setErrors(found);
    if (!found.subject && !found.message) props.onSend();
  };
  const creditWarning =
    uncapped > 0 && (usesCreditPlaceholders(values.subject) || usesCreditPlaceholders(values.message));

  return (
    <form className="form notify-form" onSubmit={onSubmit} noValidate>
      <section aria-labelledby={`${id}-to`}>
        <h3 id={`${id}-to`} className="notify-heading">
          To: {formatCount(recipients.length)} {recipients.length === 1 ? 'member' : 'members'}
        </h3>
        <VirtualList
          items={recipients}
          label="Recipients"
          keyOf={(r) => r.username}
          rowHeight={36}
          render={(r) => {
            const p = displayPerson(r, isMasked);
            return (
              <span className="change-row">
                <span className="change-who">{p.fullName || p.displayUsername}</span>
                <span className="muted">{p.displayUsername}</span>
              </span>
            );
          }}
        />
      </section>
      <fieldset className="field notify-channel">
        <legend className="field-label">Send as</legend>
        {(Object.keys(NOTIFICATION_CHANNEL_LABELS) as NotificationChannel[]).map((c) => (
          <label key={c} className="radio">
            <input
              type="radio"
              name={`${id}-channel`}
              value={c}
              checked={values.channel === c}
              onChange={() => set({ channel: c })}
            />
            {NOTIFICATION_CHANNEL_LABELS[c]}
          </label>
        ))}
        <p className="field-hint">
          {values.channel === 'email'
            ? 'An e-mail to the address in each member’s ArcGIS Online profile.'
            : 'Appears in each member’s notifications when they sign in to ArcGIS Online.'}
        </p>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-template`}>Template</label>
        <select
          id={`${id}-template`}
          value={values.templateId}
          onChange={(e) => {
            const t = TEMPLATES.find((x) => x.id === e.target.value);
            if (t) set({ templateId: t.id, subject: t.subject, message: t.message });
          }}
        >
          {TEMPLATES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-subject`}>Subject</label>
        <input
          id={`${id}-subject`}
          value={values.subject}
          maxLength={SUBJECT_MAX}
          autoComplete="off"
          aria-invalid={errors.subject ? true : undefined}
          aria-describedby={errors.subject ? `${id}-subject-error` : undefined}
          onChange={(e) => set({ subject: e.target.value })}
        />
        {errors.subject && (
          <p id={`${id}-subject-error`} className="field-error" role="alert">
            {errors.subject}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-message`}>Message</label>
        <textarea
          id={`${id}-message`}
          rows={7}
          value={values.message}
          aria-invalid={errors.message ? true : undefined}
          aria-describedby={`${id}-placeholders${errors.message ? ` ${id}-message-error` : ''}`}
          onChange={(e) => set({ message: e.target.value })}
        />
        {errors.message && (
          <p id={`${id}-message-error`} className="field-error" role="alert">
            {errors.message}
          </p>
        )}
        <p id={`${id}-placeholders`} className="field-hint">
          Filled in for each member:{' '}
          {Object.entries(PLACEHOLDERS)
            .map(([name, meaning]) => `{${name}} ${meaning}`)
            .join('; ')}
          .
        </p>
      </div>
      {creditWarning && (
        <p className="notice notice-warning">
          {formatCount(uncapped)} of these members have no credit cap: their credit figures read “—” or “no
          limit”.
        </p>
      )}
      {preview && (
        <section className="notify-preview" aria-labelledby={`${id}-preview`}>
          <div className="notify-preview-head">
            <h3 id={`${id}-preview`} className="notify-heading">
              Preview for member {formatCount(previewAt + 1)} of {formatCount(recipients.length)}
            </h3>
            <button
              type="button"
              className="button button-link"
              disabled={previewAt === 0}
              onClick={() => setPreviewAt((i) => Math.max(0, i - 1))}
            >
              Previous member
            </button>
            <button
              type="button"
              className="button button-link"
              disabled={previewAt >= recipients.length - 1}
              onClick={() => setPreviewAt((i) => Math.min(recipients.length - 1, i + 1))}
            >
              Next member
            </button>
          </div>
          <dl className="notify-preview-body" aria-live="polite">
            <dt>Subject</dt>
            <dd>{preview.subject}</dd>
            <dt>Message</dt>
            <dd className="notify-preview-message">{preview.message}</dd>
          </dl>
        </section>
      )}
      {props.failure && (
        <div className="notice notice-error" role="alert">
          {props.failure}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary">
          Send to {formatCount(recipients.length)} {recipients.length === 1 ? 'member' : 'members'}
        </button>
      </div>
    </form>
  );
}
