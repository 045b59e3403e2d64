import { toSafeCsv } from '@/lib/csv';
import { maskMentions, maskPerson } from '@/lib/presentation';
import { NOTIFY_STATUS_LABELS, type NotifyOutcome } from './send';
import type { NotifyRecipient } from './template';

/**
 * A notification's outcome, one row per member: who (aliases in presentation mode, under
 * `masked_username`), how it was sent, and whether it went out.
 */
export function notifyOutcomeCsv(
  recipients: readonly NotifyRecipient[],
  outcomes: readonly NotifyOutcome[],
  opts: { channel: string; masked: boolean },
): string {
  const byName = new Map(outcomes.map((o) => [o.username.toLowerCase(), o]));
  const rows = recipients.map((r) => {
    const o = byName.get(r.username.toLowerCase());
    const masked = opts.masked ? maskPerson(r) : undefined;
    return [
      masked ? masked.displayUsername : r.username,
      masked ? masked.fullName : (r.fullName ?? ''),
      masked ? masked.email : (r.email ?? ''),
      opts.channel,
      NOTIFY_STATUS_LABELS[o?.status ?? 'not-sent'],
      maskMentions(o?.error ?? '', r.username, opts.masked),
    ];
  });
  return toSafeCsv(
    [opts.masked ? 'masked_username' : 'username', 'full_name', 'email', 'channel', 'outcome', 'error'],
    rows,
  );
}
