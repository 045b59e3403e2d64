import type { PortalConfig } from '@/config/env';

const KEY = 'creditConsole.portal';

/** The organization chosen on the sign-in screen, remembered in this browser (not a secret). */
export function readPortalChoice(): PortalConfig | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { portalUrl, appId } = { ...parsed } as Record<string, unknown>;
    return typeof portalUrl === 'string' && typeof appId === 'string' ? { portalUrl, appId } : null;
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
