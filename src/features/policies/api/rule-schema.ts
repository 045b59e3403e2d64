import { z } from 'zod';
import { parseCreditAmount } from '@/lib/credit-amount';
import type { PolicyAllocation, PolicyRule, ResetPeriod, RuleTarget } from '@/lib/policies/types';

/** The rule form: who it covers, what it gives, and an optional reset period. */
export const ruleSchema = z
  .object({
    level: z.enum(['role', 'user-type', 'group']),
    target: z.string(),
    noLimit: z.boolean(),
    allocation: z.string(),
    reset: z.enum(['none', 'monthly', 'dates', 'fiscal-year']),
    resetDay: z.string(),
    resetDates: z.string(),
    fiscalMonth: z.string(),
    fiscalDay: z.string(),
  })
  .superRefine((v, ctx) => {
    if (!v.target)
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'Choose who this rule covers.' });
    if (!v.noLimit) {
      const parsed = parseCreditAmount(v.allocation);
      if ('error' in parsed) ctx.addIssue({ code: 'custom', path: ['allocation'], message: parsed.error });
    }
    if (v.reset === 'monthly' && !isDay(v.resetDay)) {
      ctx.addIssue({ code: 'custom', path: ['resetDay'], message: 'Enter a day of the month from 1 to 31.' });
    }
    if (v.reset === 'dates') {
      const dates = splitDates(v.resetDates);
      if (dates.length === 0 || dates.some((d) => !isIsoDate(d))) {
        ctx.addIssue({
          code: 'custom',
          path: ['resetDates'],
          message: 'Enter dates as YYYY-MM-DD, separated by commas (e.g. 2027-01-15, 2027-08-20).',
        });
      }
    }
    if (v.reset === 'fiscal-year' && !isDay(v.fiscalDay)) {
      ctx.addIssue({
        code: 'custom',
        path: ['fiscalDay'],
        message: 'Enter a day of the month from 1 to 31.',
      });
    }
  });
export type RuleInput = z.infer<typeof ruleSchema>;

function isDay(text: string): boolean {
  const n = Number(text);
  return /^\d{1,2}$/.test(text.trim()) && n >= 1 && n <= 31;
}

function splitDates(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((d) => d.trim())
    .filter(Boolean);
}

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

export function allocationOfInput(v: Pick<RuleInput, 'noLimit' | 'allocation'>): PolicyAllocation {
  if (v.noLimit) return { kind: 'no-limit' };
  const parsed = parseCreditAmount(v.allocation);
  return { kind: 'credits', credits: 'value' in parsed ? parsed.value : 0 };
}

export function targetOfInput(v: Pick<RuleInput, 'level' | 'target'>): RuleTarget {
  if (v.level === 'role') return { kind: 'role', roleKey: v.target };
  if (v.level === 'user-type') return { kind: 'user-type', userTypeId: v.target };
  return { kind: 'group', groupId: v.target };
}

export function resetOfInput(v: RuleInput): ResetPeriod | undefined {
  switch (v.reset) {
    case 'none':
      return undefined;
    case 'monthly':
      return { kind: 'monthly', day: Number(v.resetDay) };
    case 'dates':
      return { kind: 'dates', dates: [...new Set(splitDates(v.resetDates))].sort() };
    case 'fiscal-year':
      return { kind: 'fiscal-year', startMonth: Number(v.fiscalMonth), startDay: Number(v.fiscalDay) };
  }
}

/** The form's values for a rule (or a new rule's defaults). */
export function inputOfRule(rule: PolicyRule | undefined): RuleInput {
  const base: RuleInput = {
    level: 'user-type',
    target: '',
    noLimit: false,
    allocation: '',
    reset: 'none',
    resetDay: '1',
    resetDates: '',
    fiscalMonth: '7',
    fiscalDay: '1',
  };
  if (!rule) return base;
  const t = rule.target;
  const target = t.kind === 'role' ? t.roleKey : t.kind === 'user-type' ? t.userTypeId : t.groupId;
  const r = rule.reset;
  return {
    ...base,
    level: t.kind,
    target,
    noLimit: rule.allocation.kind === 'no-limit',
    allocation: rule.allocation.kind === 'credits' ? String(rule.allocation.credits) : '',
    reset: r?.kind ?? 'none',
    resetDay: r?.kind === 'monthly' ? String(r.day) : base.resetDay,
    resetDates: r?.kind === 'dates' ? r.dates.join(', ') : '',
    fiscalMonth: r?.kind === 'fiscal-year' ? String(r.startMonth) : base.fiscalMonth,
    fiscalDay: r?.kind === 'fiscal-year' ? String(r.startDay) : base.fiscalDay,
  };
}
