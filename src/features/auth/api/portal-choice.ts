import { z } from 'zod';
import type { PortalConfig } from '@/config/env';

const KEY = 'creditConsole.portal';
const choiceSchema = z.object({ portalUrl: z.string(), appId: z.string() });

/** The organization chosen on the sign-in screen, remembered in this browser (not a secret). */
export function readPortalChoice(): PortalConfig | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = choiceSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function savePortalChoice(choice: PortalConfig | null): void {
  try {
    if (choice) window.localStorage.setItem(KEY, JSON.stringify(choice));
    else window.localStorage.removeItem(KEY);
  } catch {
    // storage unavailable (private mode): the choice just isn't remembered
  }
}

export const otherOrgSchema = z.object({
  portalUrl: z.string().trim().min(1, 'Enter the portal address, e.g. https://myorg.maps.arcgis.com'),
  appId: z
    .string()
    .trim()
    .min(1, 'Enter the App ID (client ID) registered for Credit Console in that organization')
    .regex(/^[A-Za-z0-9_-]+$/, 'An App ID has only letters, digits, "-" and "_"'),
});
export type OtherOrgInput = z.infer<typeof otherOrgSchema>;
