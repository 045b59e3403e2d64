import { formatCredits } from '@/lib/format';
import type { Cap, MemberRunOut, OrgRunOut } from '@/lib/what-if/projection';

/** "14 March" this year, "14 March 2027" otherwise (UTC: projections count whole UTC days). */
export function formatRunOutDate(ms: number, now = Date.now()): string {
  const sameYear = new Date(ms).getUTCFullYear() === new Date(now).getUTCFullYear();
  return new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  }).format(ms);
}

/** The org's run-out in a few words: a date, "Already out" or "Doesn't run out". */
export function describeOrgRunOut(r: OrgRunOut, now?: number): string {
  if (r.kind === 'already') return 'Already out (Restricted)';
  if (r.kind === 'never') return 'Doesn’t run out at this pace';
  return formatRunOutDate(r.at, now);
}

export function describeMemberRunOut(r: MemberRunOut, now?: number): string {
  switch (r.kind) {
    case 'exhausted':
      return 'Nothing left';
    case 'no-use':
      return 'No recent use';
    case 'never':
      return 'Doesn’t run out';
    case 'cap':
      return `${formatRunOutDate(r.at, now)} (cap)`;
    case 'org':
      return `${formatRunOutDate(r.at, now)} (org runs out)`;
  }
}

export function describeCap(cap: Cap | undefined): string {
  if (cap === undefined) return '—';
  return cap === null ? 'No limit' : formatCredits(cap);
}
