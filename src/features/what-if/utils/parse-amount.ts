import { parseCreditAmount } from '@/lib/credit-amount';
import type { Cap } from '@/lib/what-if/projection';

export type SandboxAmount =
  { kind: 'unchanged' } | { kind: 'cap'; cap: Cap } | { kind: 'error'; message: string };

/** What an admin types for a sandbox amount: credits ("500", "1,000.5"), "no limit", or nothing. */
export function parseSandboxAmount(raw: string): SandboxAmount {
  const text = raw.trim();
  if (text === '') return { kind: 'unchanged' };
  if (/^no[\s-]*limit$/i.test(text)) return { kind: 'cap', cap: null };
  const parsed = parseCreditAmount(text);
  if ('error' in parsed) {
    return {
      kind: 'error',
      message: parsed.error.replace('or choose No limit', 'or type “no limit”'),
    };
  }
  return { kind: 'cap', cap: parsed.value };
}
