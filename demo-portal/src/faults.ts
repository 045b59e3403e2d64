import { z } from 'zod';
import type { Rng } from './model/random.ts';
import { mulberry32 } from './model/random.ts';

/**
 * Fault injection for the REST routes: latency, failures and token expiry on matching paths
 * (the part after `/sharing/rest/`, glob `*` = any characters except `/`, `**` = anything).
 */

export const faultRuleSchema = z.object({
  route: z.string().min(1),
  latencyMs: z.number().min(0).max(120_000).optional(),
  failureRate: z.number().min(0).max(1).optional(),
  failure: z.enum(['http500', 'http503', 'envelope500']).optional(),
  expireToken: z.boolean().optional(),
  times: z.number().int().min(0).optional(),
  /** Lets this many matching requests through untouched before the rule applies (e.g. a scan's first pages). */
  after: z.number().int().min(0).max(1_000_000).optional(),
});
export type FaultRule = z.infer<typeof faultRuleSchema>;
export const faultRulesSchema = z.array(faultRuleSchema);

export interface FaultDecision {
  latencyMs: number;
  failure: FaultRule['failure'];
  expireToken: boolean;
}

interface ActiveRule {
  rule: FaultRule;
  pattern: RegExp;
  remaining: number;
  skip: number;
}

function globToRegExp(glob: string): RegExp {
  const trimmed = glob.replace(/^\/+|\/+$/g, '');
  let source = '';
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i] ?? '';
    if (ch === '*') {
      if (trimmed[i + 1] === '*') {
        source += '.*';
        i++;
      } else source += '[^/]*';
    } else source += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

export class Faults {
  private active: ActiveRule[] = [];
  private rng: Rng;

  constructor(
    rules: readonly FaultRule[] = [],
    private readonly seed = 0x5eed,
  ) {
    this.rng = mulberry32(seed);
    this.replace(rules);
  }

  /** Replaces every rule (and restarts the failure-rate PRNG, so runs are repeatable). */
  replace(rules: readonly FaultRule[]): void {
    this.active = rules.map((rule) => ({
      rule,
      pattern: globToRegExp(rule.route),
      remaining: rule.times ?? Infinity,
      skip: rule.after ?? 0,
    }));
    this.rng = mulberry32(this.seed);
  }

  clear(): void {
    this.replace([]);
  }

  get rules(): FaultRule[] {
    return this.active.filter((a) => a.remaining > 0).map((a) => a.rule);
  }

  /** Decides what happens to a request for `route` (path after /sharing/rest/). */
  decide(route: string): FaultDecision {
    const path = route.replace(/^\/+|\/+$/g, '');
    const decision: FaultDecision = { latencyMs: 0, failure: undefined, expireToken: false };
    for (const a of this.active) {
      if (a.remaining <= 0 || !a.pattern.test(path)) continue;
      if (a.skip > 0) {
        a.skip--;
        continue;
      }
      a.remaining--;
      const { rule } = a;
      decision.latencyMs += rule.latencyMs ?? 0;
      if (rule.expireToken) decision.expireToken = true;
      if (rule.failure && !decision.failure && this.rng() < (rule.failureRate ?? 1))
        decision.failure = rule.failure;
    }
    this.active = this.active.filter((a) => a.remaining > 0);
    return decision;
  }
}

/** Parses `DEMO_FAULTS` (a JSON array of rules); invalid input is reported and ignored. */
export function faultsFromEnv(
  value: string | undefined,
  warn: (m: string) => void = (m) => console.warn(`[demo-portal] ${m}`),
): FaultRule[] {
  if (!value) return [];
  try {
    return faultRulesSchema.parse(JSON.parse(value));
  } catch (error) {
    warn(`DEMO_FAULTS ignored: ${error instanceof Error ? error.message.split('\n')[0] : 'invalid JSON'}`);
    return [];
  }
}
