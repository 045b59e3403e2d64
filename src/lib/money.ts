import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useArcGISSession } from '@/lib/arcgis/client-context';
import { savePolicyChanges } from '@/lib/policies/store';
import { PRICING_ID, type PricingSetting } from '@/lib/policies/types';
import { portalQueries } from '@/lib/portal-queries';
import { policyQueries } from '@/lib/policies/policy-queries';
import { policyInForceQueries } from '@/lib/what-if/policy-queries';
import { z } from 'zod';

/**
 * The money lens: credits shown with their value in a currency, at a price per credit the admin
 * sets. No price is assumed: until one is set the lens has nothing to show. The price is kept with
 * the organization's policies; `PricingStore` is this browser's fallback for an org whose policies
 * can't be read.
 */

export const pricingSchema = z.object({
  pricePerCredit: z
    .number({ error: 'Enter a price per credit.' })
    .finite()
    .positive('The price per credit must be more than 0.')
    .max(1_000_000, 'The price per credit can’t be above 1,000,000.'),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Enter a three-letter currency code, such as USD or EUR.')
    .refine(isKnownCurrency, 'That is not a currency code this browser knows (try USD, EUR or GBP).'),
});
export type Pricing = z.infer<typeof pricingSchema>;

function isKnownCurrency(code: string): boolean {
  try {
    const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
    if (supported) return supported('currency').includes(code);
    new Intl.NumberFormat(undefined, { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/** Where the price is kept. */
export interface PricingStore {
  read(): Pricing | undefined;
  write(pricing: Pricing | undefined): void | Promise<void>;
}

// --- formatting (the README's number policy, in a currency) ---------------------------------------

const formats = new Map<string, Intl.NumberFormat>();
function currencyFormat(currency: string, whole: boolean): Intl.NumberFormat {
  const key = `${currency}|${whole ? 'whole' : 'std'}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      ...(whole ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
    });
    formats.set(key, f);
  }
  return f;
}

function noNegativeZero(n: number): number {
  return Math.abs(n) < 0.005 ? 0 : n;
}

/** The value of `credits`: the currency's usual decimals ("$1,234.50"). */
export function formatMoney(credits: number, pricing: Pricing): string {
  return currencyFormat(pricing.currency, false).format(noNegativeZero(credits * pricing.pricePerCredit));
}

/** The value of a rate or an estimate: whole units from 10 up, like credit rates ("$84"). */
export function formatMoneyRate(creditsPerDay: number, pricing: Pricing): string {
  const value = noNegativeZero(creditsPerDay * pricing.pricePerCredit);
  return currencyFormat(pricing.currency, Math.abs(value) >= 10).format(value);
}

// --- this browser's price and lens switch ----------------------------------------------------------

const PRICE_PREFIX = 'credit-console:pricing:';
const LENS_KEY = 'credit-console:money-lens';
const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; value: Pricing | undefined }>();

function notify() {
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === null || e.key === LENS_KEY || e.key.startsWith(PRICE_PREFIX)) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

function getItem(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function setItem(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Storage unavailable: nothing is kept beyond this page.
  }
  notify();
}

/** The price kept in this browser for one portal. */
export function browserPricingStore(portalUrl: string): PricingStore {
  const key = `${PRICE_PREFIX}${portalUrl.replace(/\/+$/, '')}`;
  return {
    read() {
      const raw = getItem(key);
      const hit = cache.get(key);
      if (hit && hit.raw === raw) return hit.value;
      let value: Pricing | undefined;
      try {
        const parsed = raw === null ? undefined : pricingSchema.safeParse(JSON.parse(raw));
        value = parsed?.success ? parsed.data : undefined;
      } catch {
        value = undefined;
      }
      cache.set(key, { raw, value });
      return value;
    },
    write(pricing) {
      setItem(key, pricing === undefined ? null : JSON.stringify(pricing));
    },
  };
}

export function usePricing(store: PricingStore): Pricing | undefined {
  return useSyncExternalStore(subscribe, store.read, () => undefined);
}

/** `[on, setOn]` for the money lens switch, remembered in this browser. */
export function useMoneyLensSwitch(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(
    subscribe,
    () => getItem(LENS_KEY) === 'on',
    () => false,
  );
  const set = useCallback((next: boolean) => setItem(LENS_KEY, next ? 'on' : null), []);
  return [on, set];
}

/** Where the price is kept: with the organization's policies, or (when they can't be read) this browser. */
export type PricingHome = 'organization' | 'browser';

export interface OrgPricing {
  /** The price; undefined when none is set, or while it loads. */
  pricing: Pricing | undefined;
  home: PricingHome | undefined;
  /** Saves (undefined removes) the price where it is kept. */
  save(next: Pricing | undefined): Promise<void>;
}

/**
 * The organization's price per credit: the `pricing` entry of its policies (the org item), so every
 * administrator sees the same one. An org whose policies can't be read keeps it in this browser.
 */
export function useOrgPricing(): OrgPricing {
  const session = useArcGISSession();
  const client = session.client;
  const queryClient = useQueryClient();
  const self = useQuery({ ...portalQueries.self(client), throwOnError: false });
  const user = self.data?.user;
  const username = user?.username ?? '';
  const orgId = self.data?.id ?? user?.orgId;
  const me = useMemo(() => ({ username, orgId }), [username, orgId]);
  const policies = useQuery({
    ...policyInForceQueries.inForce(client, me),
    enabled: Boolean(user),
    throwOnError: false,
  });
  const browser = useMemo(() => browserPricingStore(client.portalUrl), [client.portalUrl]);
  const fromBrowser = usePricing(browser);
  const stored = policies.data?.doc.pricing;
  const inOrg = policies.isSuccess;
  const fromOrg = useMemo(
    () =>
      stored && !stored.deleted
        ? pricingSchema.safeParse({ pricePerCredit: stored.pricePerCredit, currency: stored.currency }).data
        : undefined,
    [stored],
  );
  const save = useCallback(
    async (next: Pricing | undefined) => {
      if (!inOrg) {
        browser.write(next);
        return;
      }
      const previous = stored ?? next;
      if (!previous) return;
      const entry: PricingSetting = {
        id: PRICING_ID,
        updated: Date.now(),
        updatedBy: session.username,
        pricePerCredit: (next ?? previous).pricePerCredit,
        currency: (next ?? previous).currency,
        ...(next ? {} : { deleted: true }),
      };
      await savePolicyChanges(client, me, { pricing: entry });
      await queryClient.invalidateQueries({ queryKey: policyQueries.all(client) });
    },
    [inOrg, browser, stored, session.username, client, queryClient, me],
  );
  if (policies.isError || !user)
    return { pricing: fromBrowser, home: policies.isError ? 'browser' : undefined, save };
  return { pricing: inOrg ? fromOrg : undefined, home: inOrg ? 'organization' : undefined, save };
}

/** The price to show money with: set only when the lens is on and a price is set. */
export function useMoneyLens(): Pricing | undefined {
  const { pricing } = useOrgPricing();
  const [on] = useMoneyLensSwitch();
  return on ? pricing : undefined;
}
