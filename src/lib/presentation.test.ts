import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  aliasNumber,
  displayPerson,
  maskPerson,
  PRESENTATION_STORAGE_KEY,
  setPresentationMode,
  usePresentationMode,
} from './presentation';

afterEach(() => setPresentationMode(false));

describe('maskPerson', () => {
  const dana = { username: 'demo_admin', fullName: 'Dana Reyes', email: 'dana.reyes@example.org' };

  it('gives the same alias every time for the same username', () => {
    const a = maskPerson(dana);
    expect(a).toEqual(maskPerson({ ...dana }));
    expect(maskPerson({ username: 'DEMO_ADMIN' })).toEqual({ ...a, username: 'DEMO_ADMIN' });
    expect(a.fullName).toMatch(/^Member \d{4}$/);
    expect(a.email).toBe(`member${aliasNumber('demo_admin')}@example.invalid`);
    expect(a.displayUsername).toBe(`member${aliasNumber('demo_admin')}`);
  });

  it('is deterministic across runs (a fixed hash, not a random or session value)', () => {
    expect(aliasNumber('demo_admin')).toBe(aliasNumber('demo_admin'));
    expect(aliasNumber('')).toBe(1000 + (0x811c9dc5 % 9000));
  });

  it('keeps the real username for requests and hides every real value in what it displays', () => {
    const masked = maskPerson(dana);
    expect(masked.username).toBe('demo_admin');
    const shown = JSON.stringify(displayPerson(dana, true));
    expect(shown).not.toContain('Dana');
    expect(shown).not.toContain('Reyes');
    expect(shown).not.toContain('demo_admin');
    expect(shown).not.toContain('example.org');
  });

  it('spreads different usernames over different aliases', () => {
    const names = Array.from({ length: 500 }, (_, i) => `user_${i}`);
    const aliases = new Set(names.map((u) => aliasNumber(u)));
    expect(aliases.size).toBeGreaterThan(480);
    for (const n of aliases) {
      expect(n).toBeGreaterThanOrEqual(1000);
      expect(n).toBeLessThanOrEqual(9999);
    }
  });

  it('displays the real values when not masked', () => {
    expect(displayPerson(dana, false)).toEqual({
      displayUsername: 'demo_admin',
      fullName: 'Dana Reyes',
      email: 'dana.reyes@example.org',
    });
    expect(displayPerson({ username: 'x', fullName: null }, false)).toEqual({
      displayUsername: 'x',
      fullName: '',
      email: '',
    });
  });
});

describe('usePresentationMode', () => {
  it('is off by default, toggles the html class and is remembered in this browser', () => {
    const { result } = renderHook(() => usePresentationMode());
    expect(result.current[0]).toBe(false);
    expect(document.documentElement).not.toHaveClass('presentation');
    act(() => result.current[1](true));
    expect(result.current[0]).toBe(true);
    expect(document.documentElement).toHaveClass('presentation');
    expect(window.localStorage.getItem(PRESENTATION_STORAGE_KEY)).toBe('on');
    act(() => result.current[1](false));
    expect(document.documentElement).not.toHaveClass('presentation');
    expect(window.localStorage.getItem(PRESENTATION_STORAGE_KEY)).toBeNull();
  });

  it('follows a change made in another tab', () => {
    const { result } = renderHook(() => usePresentationMode());
    act(() => {
      window.localStorage.setItem(PRESENTATION_STORAGE_KEY, 'on');
      window.dispatchEvent(new StorageEvent('storage', { key: PRESENTATION_STORAGE_KEY, newValue: 'on' }));
    });
    expect(result.current[0]).toBe(true);
    expect(document.documentElement).toHaveClass('presentation');
  });
});
