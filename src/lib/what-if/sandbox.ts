import { z } from 'zod';
import { maskPerson } from '@/lib/presentation';
import type { Cap, CapChanges } from './projection';

/**
 * The what-if sandbox: changes to the default, the amounts per user type and members' caps that
 * exist only in this browser until the admin applies them. Plain data, kept per portal and account
 * (localStorage, so it survives a reload) and shareable as a JSON file.
 */

export const SANDBOX_FILE_FORMAT = 'credit-console-what-if';
const MAX_CREDITS = 1_000_000_000;

const capSchema = z.union([
  z.null(),
  z
    .number()
    .finite()
    .min(0, 'An amount can’t be negative.')
    .max(MAX_CREDITS, 'An amount can’t be above 1,000,000,000 credits.')
    .refine((n) => Math.round(n * 1000) / 1000 === n, 'Credits carry at most 3 decimals.'),
]);

export const sandboxSchema = z.object({
  format: z.literal(SANDBOX_FILE_FORMAT, { error: 'This is not a Credit Console what-if file.' }),
  version: z.literal(1, { error: 'This what-if file is from a newer version of Credit Console.' }),
  portalUrl: z.string().min(1),
  /** Epoch ms when the sandbox was opened. */
  createdAt: z.number(),
  /** The new default for new members; absent = unchanged. */
  defaultAllocation: capSchema.optional(),
  /** Members whose cap is today's default follow the new default. */
  moveMembersOnDefault: z.boolean(),
  /** Amounts per ArcGIS user type ID. */
  typeCaps: z.record(z.string().min(1).max(100), capSchema),
  /** Caps per member, keyed by lower-case username. */
  memberCaps: z.record(z.string().min(1).max(256), capSchema),
  /** Amounts of the organization's policy rules, by rule id. */
  ruleAmounts: z.record(z.string().min(1).max(256), capSchema).default({}),
  /** Set when exported in presentation mode: keys are aliases, so it can't be applied. */
  masked: z.boolean().optional(),
});

export type Sandbox = z.infer<typeof sandboxSchema>;

export function emptySandbox(portalUrl: string, now = Date.now()): Sandbox {
  return {
    format: SANDBOX_FILE_FORMAT,
    version: 1,
    portalUrl,
    createdAt: now,
    moveMembersOnDefault: true,
    typeCaps: {},
    memberCaps: {},
    ruleAmounts: {},
  };
}

/** Whether the sandbox changes anything yet. */
export function hasChanges(s: Sandbox): boolean {
  return (
    s.defaultAllocation !== undefined ||
    Object.keys(s.typeCaps).length > 0 ||
    Object.keys(s.memberCaps).length > 0 ||
    Object.keys(s.ruleAmounts).length > 0
  );
}

/** The sandbox as cap changes for the projection, given today's default. */
export function toCapChanges(
  s: Sandbox,
  todayDefault: Cap | undefined,
  policyCaps: Readonly<Record<string, Cap>> = {},
): CapChanges {
  const follow =
    s.defaultAllocation !== undefined &&
    s.moveMembersOnDefault &&
    todayDefault !== undefined &&
    s.defaultAllocation !== todayDefault
      ? { from: todayDefault, to: s.defaultAllocation }
      : undefined;
  return { memberCaps: s.memberCaps, policyCaps, typeCaps: s.typeCaps, followDefault: follow };
}

// --- file ------------------------------------------------------------------------------------------

/** The sandbox as a file; in presentation mode members are named by alias and the file says so. */
export function sandboxFile(s: Sandbox, masked: boolean): string {
  const out: Sandbox = masked
    ? {
        ...s,
        masked: true,
        memberCaps: Object.fromEntries(
          Object.entries(s.memberCaps).map(([u, cap]) => [maskPerson({ username: u }).displayUsername, cap]),
        ),
      }
    : s;
  return `${JSON.stringify(out, null, 2)}\n`;
}

export type SandboxFileResult = { ok: true; sandbox: Sandbox } | { ok: false; message: string };

const MAX_FILE_CHARS = 5_000_000;

/** Reads a what-if file for `portalUrl`, with one clear message when it can't be used. */
export function parseSandboxFile(text: string, portalUrl: string): SandboxFileResult {
  if (text.length > MAX_FILE_CHARS)
    return { ok: false, message: 'This file is too large for a what-if (over 5 MB).' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'This file is not a what-if file: it is not valid JSON.' };
  }
  const parsed = sandboxSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
    return {
      ok: false,
      message: `This what-if file can’t be used: ${issue?.message ?? 'it is not in the expected shape'}${where}`,
    };
  }
  const sandbox = parsed.data;
  if (sandbox.masked) {
    return {
      ok: false,
      message:
        'This what-if was saved in presentation mode: it names members by alias, not by username, so it can’t be opened. Turn presentation mode off, save it again, and open that file.',
    };
  }
  if (sandbox.portalUrl.replace(/\/+$/, '') !== portalUrl.replace(/\/+$/, '')) {
    return {
      ok: false,
      message: `This what-if was made for another organization (${sandbox.portalUrl}); this console is signed in to ${portalUrl}.`,
    };
  }
  const memberCaps = Object.fromEntries(
    Object.entries(sandbox.memberCaps).map(([u, c]) => [u.toLowerCase(), c]),
  );
  return { ok: true, sandbox: { ...sandbox, memberCaps } };
}
