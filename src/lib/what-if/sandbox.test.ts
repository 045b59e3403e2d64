import { describe, expect, it } from 'vitest';
import { emptySandbox, hasChanges, parseSandboxFile, sandboxFile, toCapChanges } from './sandbox';

const PORTAL = 'https://localhost:8443/portal';

describe('what-if files', () => {
  it('round-trips a sandbox through its file', () => {
    const s = {
      ...emptySandbox(PORTAL, 1),
      defaultAllocation: 50,
      memberCaps: { ann: 7 },
      typeCaps: { creatorUT: 500 },
    };
    expect(parseSandboxFile(sandboxFile(s, false), PORTAL)).toEqual({ ok: true, sandbox: s });
  });

  it('says clearly why a file can’t be used', () => {
    expect(parseSandboxFile('not json', PORTAL)).toEqual({
      ok: false,
      message: 'This file is not a what-if file: it is not valid JSON.',
    });
    expect(parseSandboxFile('{"format":"other"}', PORTAL)).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a Credit Console what-if file') as unknown,
    });
    const negative = { ...emptySandbox(PORTAL, 1), memberCaps: { ann: -5 } };
    expect(parseSandboxFile(JSON.stringify(negative), PORTAL)).toEqual({
      ok: false,
      message: 'This what-if file can’t be used: An amount can’t be negative. (at memberCaps.ann)',
    });
    expect(parseSandboxFile(sandboxFile(emptySandbox(PORTAL), false), 'https://other.example')).toMatchObject(
      {
        ok: false,
        message: expect.stringContaining('another organization') as unknown,
      },
    );
  });

  it('saves aliases in presentation mode and refuses to open such a file', () => {
    const s = { ...emptySandbox(PORTAL, 1), memberCaps: { ann: 7 } };
    const text = sandboxFile(s, true);
    expect(text).not.toContain('ann');
    expect(parseSandboxFile(text, PORTAL)).toMatchObject({
      ok: false,
      message: expect.stringContaining('presentation mode') as unknown,
    });
  });
});

describe('toCapChanges', () => {
  it('moves members on today’s default only when asked to and when the default changes', () => {
    const s = { ...emptySandbox(PORTAL), defaultAllocation: 80 };
    expect(toCapChanges(s, 50).followDefault).toEqual({ from: 50, to: 80 });
    expect(toCapChanges({ ...s, moveMembersOnDefault: false }, 50).followDefault).toBeUndefined();
    expect(toCapChanges(s, 80).followDefault).toBeUndefined();
    expect(hasChanges(emptySandbox(PORTAL))).toBe(false);
    expect(hasChanges(s)).toBe(true);
  });
});
