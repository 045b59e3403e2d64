import type { CreditLimit } from '@/lib/arcgis/schemas';
import { formatCredits, formatShare } from '@/lib/format';

/** A member a notification can go to: who they are and where their credits stand. */
export interface NotifyRecipient {
  username: string;
  fullName?: string | null;
  firstName?: string | null;
  email?: string | null;
  limit: CreditLimit;
}

/** The placeholders a subject or message may carry, with what each becomes. */
export const PLACEHOLDERS = {
  firstName: 'first name (or full name)',
  fullName: 'full name',
  username: 'username',
  percentUsed: 'share of the allocation used, e.g. 85%',
  used: 'credits used',
  allocated: 'credits allocated',
  remaining: 'credits left',
  orgName: 'the organization’s name',
} as const;

export type Placeholder = keyof typeof PLACEHOLDERS;

export interface NotifyTemplate {
  id: TemplateId;
  label: string;
  subject: string;
  message: string;
}

export type TemplateId = 'at-risk' | 'exhausted' | 'custom';

export const TEMPLATES: readonly NotifyTemplate[] = [
  {
    id: 'at-risk',
    label: 'Running low',
    subject: 'You have used {percentUsed} of your ArcGIS Online credits',
    message:
      'Hello {firstName},\n\n' +
      'You have used {percentUsed} of the ArcGIS Online credits allocated to you in {orgName}: ' +
      '{used} of {allocated} credits, {remaining} left.\n\n' +
      'When they run out, tools that use credits (analysis, geocoding, GeoEnrichment, notebooks) stop ' +
      'working for you until your allocation is raised. If you need more, ask your ArcGIS Online administrator.',
  },
  {
    id: 'exhausted',
    label: 'Run out',
    subject: 'You have used all of your ArcGIS Online credits',
    message:
      'Hello {firstName},\n\n' +
      'You have used all {allocated} ArcGIS Online credits allocated to you in {orgName}. Tools that use ' +
      'credits (analysis, geocoding, GeoEnrichment, notebooks) will not run for you until your allocation ' +
      'is raised.\n\nIf you need more, ask your ArcGIS Online administrator.',
  },
  {
    id: 'custom',
    label: 'Blank',
    subject: '',
    message: 'Hello {firstName},\n\n',
  },
];

/** The template that fits the recipients: "Run out" when every one of them has run out. */
export function defaultTemplateFor(recipients: readonly NotifyRecipient[]): NotifyTemplate {
  const allOut =
    recipients.length > 0 && recipients.every((r) => r.limit.kind === 'capped' && r.limit.available <= 0);
  const id: TemplateId = allOut ? 'exhausted' : 'at-risk';
  return TEMPLATES.find((t) => t.id === id) ?? TEMPLATES[0]!;
}

const NO_LIMIT = 'no limit';
const UNKNOWN = '—';

/** Each placeholder's value for one member. */
export function placeholderValues(r: NotifyRecipient, orgName: string): Record<Placeholder, string> {
  const fullName = r.fullName?.trim() || r.username;
  const firstName = r.firstName?.trim() || fullName.split(/\s+/)[0] || fullName;
  const base = { firstName, fullName, username: r.username, orgName: orgName || 'your organization' };
  const { limit } = r;
  if (limit.kind === 'capped') {
    const share = limit.assigned > 0 ? Math.min(1, limit.used / limit.assigned) : 1;
    return {
      ...base,
      percentUsed: formatShare(share),
      used: formatCredits(limit.used),
      allocated: formatCredits(limit.assigned),
      remaining: formatCredits(Math.max(0, limit.available)),
    };
  }
  const value = limit.kind === 'unlimited' ? NO_LIMIT : UNKNOWN;
  return { ...base, percentUsed: UNKNOWN, used: UNKNOWN, allocated: value, remaining: value };
}

const PLACEHOLDER_PATTERN = /\{([A-Za-z]+)\}/g;

/** `text` with every known `{placeholder}` filled; unknown ones are left as typed. */
export function fillTemplate(text: string, values: Record<Placeholder, string>): string {
  return text.replace(PLACEHOLDER_PATTERN, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as Placeholder] : whole,
  );
}

/** Placeholders in `text` that are not known (a typo such as `{percentUsd}`), each once. */
export function unknownPlaceholders(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER_PATTERN)) {
    const name = m[1] ?? '';
    if (!Object.hasOwn(PLACEHOLDERS, name)) out.add(`{${name}}`);
  }
  return [...out];
}

/** Whether `text` uses a placeholder about credits (which reads "—" for members without a cap). */
export function usesCreditPlaceholders(text: string): boolean {
  return /\{(percentUsed|used|allocated|remaining)\}/.test(text);
}

/** The subject and message one member receives. */
export interface RenderedMessage {
  subject: string;
  message: string;
}

export function renderFor(r: NotifyRecipient, template: RenderedMessage, orgName: string): RenderedMessage {
  const values = placeholderValues(r, orgName);
  return { subject: fillTemplate(template.subject, values), message: fillTemplate(template.message, values) };
}

/** Bounds the console keeps to (the portal refuses longer text), after placeholders are filled. */
export const SUBJECT_MAX = 200;
export const MESSAGE_MAX = 4_000;

/**
 * The longest subject and message any recipient would get. Placeholders make the text longer than
 * typed, so the bounds are checked on what is sent.
 */
export function longestRendered(
  recipients: readonly NotifyRecipient[],
  template: RenderedMessage,
  orgName: string,
): { subject: number; message: number } {
  let subject = 0;
  let message = 0;
  for (const r of recipients) {
    const out = renderFor(r, template, orgName);
    subject = Math.max(subject, out.subject.trim().length);
    message = Math.max(message, out.message.trim().length);
  }
  return { subject, message };
}

/**
 * What is wrong with the typed subject and message, by field; empty when they can be sent. `longest`
 * (from `longestRendered`) checks the filled-in text against the portal's bounds.
 */
export function validateTemplate(
  t: RenderedMessage,
  longest: { subject: number; message: number } = { subject: t.subject.length, message: t.message.length },
): { subject?: string; message?: string } {
  const errors: { subject?: string; message?: string } = {};
  const badSubject = unknownPlaceholders(t.subject);
  const badMessage = unknownPlaceholders(t.message);
  if (!t.subject.trim()) errors.subject = 'Enter a subject.';
  else if (longest.subject > SUBJECT_MAX)
    errors.subject = `With member details filled in, the subject is up to ${longest.subject.toLocaleString()} characters; keep it to ${SUBJECT_MAX}.`;
  else if (badSubject.length > 0) errors.subject = `Unknown placeholder ${badSubject.join(', ')}.`;
  if (!t.message.trim()) errors.message = 'Enter a message.';
  else if (longest.message > MESSAGE_MAX)
    errors.message = `With member details filled in, the message is up to ${longest.message.toLocaleString()} characters; keep it to ${MESSAGE_MAX.toLocaleString()}.`;
  else if (badMessage.length > 0) errors.message = `Unknown placeholder ${badMessage.join(', ')}.`;
  return errors;
}
