import { creditLimitOf } from '@/lib/arcgis/schemas';
import type { MemberRecord } from '@/lib/member-index/record';
import type { NotifyRecipient } from './template';

/**
 * The members named in `usernames` (any case), as the Notify dialog takes them: names, e-mail and
 * their credit limit now, from the org's member index. Names not in the index are left out.
 */
export function recipientsOf(
  records: readonly MemberRecord[],
  usernames: Iterable<string>,
  budgetingEnabled: boolean,
): NotifyRecipient[] {
  const byName = new Map(records.map((m) => [m.username.toLowerCase(), m]));
  const out: NotifyRecipient[] = [];
  const seen = new Set<string>();
  for (const u of usernames) {
    const key = u.toLowerCase();
    const m = byName.get(key);
    if (!m || seen.has(key)) continue;
    seen.add(key);
    out.push({
      username: m.username,
      fullName: m.fullName,
      firstName: m.firstName,
      email: m.email,
      limit: creditLimitOf(m, { budgetingEnabled }),
    });
  }
  return out;
}
