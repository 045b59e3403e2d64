import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { effectiveAllocations, orgDefaultValue } from '@/lib/policies/engine';
import type { PolicyDocument, PolicyMember, PolicyRule, ResetPeriod } from '@/lib/policies/types';
import { dueResets } from '@/lib/resets/due';
import { lastResetsFromJournal } from '@/lib/resets/reset-plan';
import { emptyCounts } from '@/lib/change-plan/execute';
import type { JournalEntry } from '@/lib/change-plan/journal';
import { LOGIC_CELL_TAG, policyNotebookJson, type Notebook } from './policy-notebook';

const OPTIONS = {
  item: { type: 'Application', tag: 'credit-console-policies', owner: 'demo_admin' },
  portalUrl: 'https://localhost:8443/portal',
  isDemoPortal: true,
  generatedAt: '2026-12-02',
};

function notebook(): Notebook {
  return JSON.parse(policyNotebookJson(OPTIONS)) as Notebook;
}

function python(script: string, input: string): string {
  return execFileSync('python3', ['-c', script], { input, encoding: 'utf8' });
}

const meta = { updated: 1, updatedBy: 'demo_admin' };
function rule(
  id: string,
  position: number,
  target: PolicyRule['target'],
  credits: number | null,
): PolicyRule {
  return {
    ...meta,
    id,
    position,
    target,
    allocation: credits === null ? { kind: 'no-limit' } : { kind: 'credits', credits },
  };
}

/** Every level, ties, order by position, tombstones, both group-conflict settings. */
function fixture(conflict: 'highest' | 'lowest') {
  const doc: PolicyDocument = {
    schema: 'credit-console/policies',
    version: 1,
    groupConflict: { id: 'setting:group-conflict', ...meta, value: conflict },
    rules: [
      rule('r-viewers', 3, { kind: 'user-type', userTypeId: 'viewerUT' }, 0),
      rule('r-creators', 2, { kind: 'user-type', userTypeId: 'creatorUT' }, 500),
      rule('r-creators-late', 9, { kind: 'user-type', userTypeId: 'creatorUT' }, 900),
      rule('r-gis', 1, { kind: 'group', groupId: 'g-gis' }, null),
      rule('r-class', 4, { kind: 'group', groupId: 'g-class' }, 40),
      rule('r-proj', 5, { kind: 'group', groupId: 'g-proj' }, 250),
      rule('r-publishers', 6, { kind: 'role', roleKey: 'org_publisher' }, 120.5),
      rule('r-custom', 7, { kind: 'role', roleKey: 'ROLE123' }, 75),
      { ...rule('r-gone', 0, { kind: 'role', roleKey: 'org_user' }, 1), deleted: true },
    ],
    overrides: [
      { id: 'override:dana', ...meta, username: 'Dana', allocation: { kind: 'credits', credits: 1000 } },
      { id: 'override:old', ...meta, username: 'old', allocation: { kind: 'no-limit' }, deleted: true },
    ],
  };
  const members: PolicyMember[] = [
    { username: 'dana', role: 'org_user', userLicenseTypeId: 'creatorUT', assignedCredits: 1000 },
    { username: 'cara', role: 'org_user', userLicenseTypeId: 'creatorUT', assignedCredits: 200 },
    { username: 'vic', role: 'org_user', userLicenseTypeId: 'viewerUT', assignedCredits: 0 },
    { username: 'gil', role: 'org_user', userLicenseTypeId: 'viewerUT', assignedCredits: 30 },
    { username: 'two', role: 'org_user', userLicenseTypeId: 'creatorUT', assignedCredits: -1 },
    { username: 'mix', role: 'org_publisher', userLicenseTypeId: 'editorUT', assignedCredits: 40 },
    { username: 'pub', role: 'org_publisher', userLicenseTypeId: 'editorUT', assignedCredits: 120.5 },
    {
      username: 'cus',
      role: 'org_user',
      roleId: 'ROLE123',
      userLicenseTypeId: 'editorUT',
      assignedCredits: 10,
    },
    { username: 'old', role: 'org_user', userLicenseTypeId: 'editorUT', assignedCredits: 5 },
    { username: 'off', role: 'org_user', userLicenseTypeId: 'creatorUT', assignedCredits: null },
  ];
  const membership = { 'g-gis': ['GIL'], 'g-class': ['two', 'mix'], 'g-proj': ['two', 'mix'] };
  return { doc, members, membership, orgDefault: 50 };
}

describe('Schedule in ArcGIS Notebooks: the exported notebook', () => {
  it('is nbformat 4 JSON with unique cell ids, line-split sources and empty outputs', () => {
    const nb = notebook();
    expect(nb.nbformat).toBe(4);
    expect(nb.nbformat_minor).toBeGreaterThanOrEqual(5);
    expect(nb.metadata).toMatchObject({ kernelspec: { name: 'python3', language: 'python' } });
    const ids = nb.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const cell of nb.cells) {
      expect(cell.id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
      expect(['markdown', 'code']).toContain(cell.cell_type);
      expect(cell.source.slice(0, -1).every((l) => l.endsWith('\n'))).toBe(true);
      if (cell.cell_type === 'code') {
        expect(cell.outputs).toEqual([]);
        expect(cell.execution_count).toBeNull();
      }
    }
    const settings = nb.cells.find((c) => c.id === 'settings')!.source.join('');
    expect(settings).toContain('DRY_RUN = True');
    expect(settings).toContain('POLICY_ITEM_TAG = "credit-console-policies"');
  });

  it('has Python in every code cell that compiles', () => {
    const code = notebook().cells.filter((c) => c.cell_type === 'code');
    expect(code.length).toBeGreaterThanOrEqual(6);
    // One python3 for every cell (starting Python is the slow part): each cell is parsed on its own.
    const script = [
      'import ast, json, sys',
      'for cell in json.load(sys.stdin):',
      '    try:',
      '        ast.parse(cell["source"])',
      '        print(cell["id"] + ": ok")',
      '    except SyntaxError as e:',
      '        print("{}: line {} {}".format(cell["id"], e.lineno, e.msg))',
    ].join('\n');
    const input = JSON.stringify(code.map((c) => ({ id: c.id, source: c.source.join('') })));
    expect(python(script, input).trim().split('\n')).toEqual(code.map((c) => `${c.id}: ok`));
  }, 60_000);

  it.each(['highest', 'lowest'] as const)(
    'resolves every member as the console does (groups: %s)',
    (conflict) => {
      const f = fixture(conflict);
      const logic = notebook().cells.find((c) => c.metadata.tags?.includes(LOGIC_CELL_TAG))!;
      const harness = [
        logic.source.join(''),
        'import json, sys',
        'data = json.load(sys.stdin)',
        'out = effective_allocations(data["members"], data["doc"], org_default_value(data["orgDefault"]), data["membership"])',
        'print(json.dumps(out))',
      ].join('\n');
      type Row = {
        username: string;
        effective: number | null;
        source: unknown;
        current: unknown;
        drift: boolean;
      };
      const fromPython = (JSON.parse(python(harness, JSON.stringify(f))) as Row[]).map((r) => ({
        ...r,
        current: r.current === 'off' ? undefined : r.current,
      }));
      const fromTs = effectiveAllocations(
        f.members,
        f.doc,
        orgDefaultValue(f.orgDefault),
        new Map(Object.entries(f.membership)),
      );
      expect(fromPython).toEqual(fromTs);
      // The fixture exercises what it claims to: an override, each rule level, the default, drift.
      const sources = new Set(fromTs.map((r) => (r.source.kind === 'rule' ? r.source.level : r.source.kind)));
      expect(sources).toEqual(new Set(['override', 'group', 'user-type', 'role', 'org-default']));
      expect(fromTs.some((r) => r.drift)).toBe(true);
    },
    60_000,
  );

  it('keeps the allocation of members no rule covers when the policies say so, as the console does', () => {
    const base = fixture('highest');
    const f = {
      ...base,
      doc: { ...base.doc, uncovered: { id: 'setting:uncovered', ...meta, value: 'keep' as const } },
    };
    const logic = notebook().cells.find((c) => c.metadata.tags?.includes(LOGIC_CELL_TAG))!;
    const harness = [
      logic.source.join(''),
      'import json, sys',
      'data = json.load(sys.stdin)',
      'out = effective_allocations(data["members"], data["doc"], org_default_value(data["orgDefault"]), data["membership"])',
      'print(json.dumps(out))',
    ].join('\n');
    const fromPython = (
      JSON.parse(python(harness, JSON.stringify(f))) as { current: unknown; username: string }[]
    ).map((r) => ({ ...r, current: r.current === 'off' ? undefined : r.current }));
    const fromTs = effectiveAllocations(
      f.members,
      f.doc,
      orgDefaultValue(f.orgDefault),
      new Map(Object.entries(f.membership)),
    );
    expect(fromPython).toEqual(fromTs);
    expect(fromTs.find((r) => r.username === 'old')).toMatchObject({
      effective: 5,
      source: { kind: 'kept' },
      drift: false,
    });
  }, 60_000);
  it('finds the same resets due as the console, on month ends, leap days and missed periods', () => {
    const at = (iso: string) => Date.parse(`${iso}Z`);
    const periods: [string, ResetPeriod][] = [
      ['m1', { kind: 'monthly', day: 1 }],
      ['m31', { kind: 'monthly', day: 31 }],
      ['m29', { kind: 'monthly', day: 29 }],
      ['fy-jul', { kind: 'fiscal-year', startMonth: 7, startDay: 1 }],
      ['fy-feb29', { kind: 'fiscal-year', startMonth: 2, startDay: 29 }],
      ['dates', { kind: 'dates', dates: ['2027-01-15', '2027-09-01', '2027-02-30', 'nonsense'] }],
    ];
    const doc: PolicyDocument = {
      schema: 'credit-console/policies',
      version: 1,
      groupConflict: { id: 'setting:group-conflict', ...meta, value: 'highest' },
      rules: [
        ...periods.map(([id, reset], i) => ({
          ...rule(id, i, { kind: 'user-type', userTypeId: 'creatorUT' }, 10),
          updated: at('2026-06-15T10:00:00'),
          reset,
        })),
        {
          ...rule('gone', 9, { kind: 'user-type', userTypeId: 'creatorUT' }, 1),
          reset: { kind: 'monthly', day: 1 },
          deleted: true,
        },
      ],
      overrides: [],
    };
    // One rule's last reset comes from a finished reset run; one from a run that applied nobody (ignored).
    const reset = (id: string, ruleId: string, dueOn: number, applied: number): JournalEntry => ({
      type: 'allocations',
      id,
      portalUrl: 'https://x',
      username: 'demo_admin',
      startedAt: dueOn,
      finishedAt: dueOn + 1,
      state: 'finished',
      plan: { kind: 'reset', title: 'Reset', changes: [], resets: [{ ruleId, dueOn }] },
      outcomes: [],
      counts: { ...emptyCounts(), applied },
    });
    const journal = [
      reset('j1', 'm1', at('2027-02-01T00:00:00'), 3),
      reset('j2', 'm31', at('2027-02-28T00:00:00'), 0),
    ];
    const nows = [
      '2026-12-31T23:59:59',
      '2027-01-01T00:00:00',
      '2027-02-28T00:00:00',
      '2027-03-01T08:00:00',
      '2028-02-28T12:00:00',
      '2028-02-29T00:00:00',
      '2028-03-31T00:00:00',
      '2027-09-01T00:00:00',
      '2027-07-01T00:00:00',
    ].map(at);
    const logic = notebook().cells.find((c) => c.metadata.tags?.includes(LOGIC_CELL_TAG))!;
    const harness = [
      logic.source.join(''),
      'import json, sys',
      'data = json.load(sys.stdin)',
      'last = last_resets_from_journal(data["journal"])',
      'out = [[{"id": d["rule"]["id"], "dueOn": d["dueOn"], "missed": d["missed"]} for d in due_resets(data["doc"], last, now)] for now in data["nows"]]',
      'print(json.dumps(out))',
    ].join('\n');
    const fromPython = JSON.parse(python(harness, JSON.stringify({ doc, journal, nows }))) as unknown;
    const last = lastResetsFromJournal(journal);
    const fromTs = nows.map((now) =>
      dueResets(doc, last, now).map((d) => ({ id: d.rule.id, dueOn: d.dueOn, missed: d.missed })),
    );
    expect(fromPython).toEqual(fromTs);
    // The dates exercise what they claim: missed periods, a leap day, and rules not yet due.
    expect(fromTs.flat().some((d) => d.missed > 1)).toBe(true);
    expect(fromTs.flat().some((d) => new Date(d.dueOn).toISOString().startsWith('2028-02-29'))).toBe(true);
    expect(fromTs.some((list) => list.length < periods.length)).toBe(true);
  }, 60_000);
});
