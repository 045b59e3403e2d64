import { useCallback, useSyncExternalStore } from 'react';

/**
 * Presentation mode (D3): larger KPI type and member names/emails masked for screen sharing.
 * Remembered in this browser (localStorage). Masking is for display and exports only; anything
 * sent to the server keeps using the real username.
 */

export const PRESENTATION_STORAGE_KEY = 'credit-console:presentation-mode';
const HTML_CLASS = 'presentation';

const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return window.localStorage.getItem(PRESENTATION_STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

let enabled = typeof window === 'undefined' ? false : read();

function applyClass(on: boolean): void {
  if (typeof document !== 'undefined') document.documentElement.classList.toggle(HTML_CLASS, on);
}

applyClass(enabled);

export function isPresentationMode(): boolean {
  return enabled;
}

export function setPresentationMode(on: boolean): void {
  enabled = on;
  try {
    if (on) window.localStorage.setItem(PRESENTATION_STORAGE_KEY, 'on');
    else window.localStorage.removeItem(PRESENTATION_STORAGE_KEY);
  } catch {
    // Storage may be unavailable (private mode); the toggle still works for this page.
  }
  applyClass(on);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key !== PRESENTATION_STORAGE_KEY) return;
    const next = e.newValue === 'on';
    if (next === enabled) return;
    enabled = next;
    applyClass(next);
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** `[enabled, setEnabled]`, shared by every component and remembered in this browser. */
export function usePresentationMode(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, isPresentationMode, () => false);
  const set = useCallback((next: boolean) => setPresentationMode(next), []);
  return [on, set];
}

// --- masking -------------------------------------------------------------------------------------

export interface PersonFields {
  username: string;
  fullName?: string | null;
  email?: string | null;
}

export interface MaskedPerson {
  /** Unchanged: the key for edits and requests, never displayed in presentation mode. */
  username: string;
  /** e.g. "member4821" — what a username column shows. */
  displayUsername: string;
  fullName: string;
  email: string;
}

/** FNV-1a 32-bit over UTF-16 code units: stable across sessions, browsers and runs. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * A four-digit alias number for a username (case-insensitive, like ArcGIS usernames). Different
 * members can share a number (10,000 values); the alias is for hiding names, not for identifying.
 */
export function aliasNumber(username: string): number {
  return 1000 + (fnv1a(username.trim().toLowerCase()) % 9000);
}

/** The same alias every time for the same username: "Member 4821", "member4821@example.invalid". */
export function maskPerson(person: PersonFields): MaskedPerson {
  const n = aliasNumber(person.username);
  return {
    username: person.username,
    displayUsername: `member${n}`,
    fullName: `Member ${n}`,
    email: `member${n}@example.invalid`,
  };
}

/** What to display for a person: masked in presentation mode, else as given ('' when absent). */
export function displayPerson(person: PersonFields, masked: boolean): Omit<MaskedPerson, 'username'> {
  if (masked) {
    const { username: _username, ...rest } = maskPerson(person);
    return rest;
  }
  return {
    displayUsername: person.username,
    fullName: person.fullName ?? '',
    email: person.email ?? '',
  };
}

/**
 * `text` with every mention of `username` replaced by its alias in presentation mode (for messages
 * that quote a username, such as a portal error or a problem in an imported file).
 */
export function maskMentions(text: string, username: string, masked: boolean): string {
  if (!masked || !username) return text;
  const alias = maskPerson({ username }).displayUsername;
  const escaped = username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(escaped, 'gi'), alias);
}

// --- member links ----------------------------------------------------------------------------------

/** History state that opens a member's dialog without the username in the address bar. */
export interface MemberLinkState {
  member: string;
}

/**
 * A link to one member on the Members page: `?member=<username>` normally; in presentation mode
 * the username travels in history state instead, so the address bar never shows it.
 */
export function memberLink(
  membersPath: (params?: Record<string, string>) => string,
  username: string,
  masked: boolean,
): { to: string; state?: MemberLinkState } {
  return masked
    ? { to: membersPath(), state: { member: username } }
    : { to: membersPath({ member: username }) };
}

export function memberFromState(state: unknown): string | null {
  if (typeof state !== 'object' || state === null || !('member' in state)) return null;
  return typeof state.member === 'string' ? state.member : null;
}
