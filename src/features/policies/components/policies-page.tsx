import { useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { NotifyDialog } from '@/components/notify/notify-dialog';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { useArcGISSession } from '@/lib/arcgis/client-context';
import { notify } from '@/lib/notifications';
import { recipientsOf } from '@/lib/notify/recipients';
import type { NotifyRecipient } from '@/lib/notify/template';
import { portalQueries } from '@/lib/portal-queries';
import { displayPerson, usePresentationMode } from '@/lib/presentation';
import { liveOverrides, liveRules, ruleCoverage } from '@/lib/policies/engine';
import { targetName } from '@/lib/policies/labels';
import { policyQueries } from '@/lib/policies/policy-queries';
import type { PolicyChanges } from '@/lib/policies/store';
import {
  overrideIdOf,
  UNCOVERED_ID,
  uncoveredOf,
  type GroupConflict,
  type MemberOverride,
  type PolicyRule,
  type UncoveredMembers,
} from '@/lib/policies/types';
import { usePolicyEvaluation, type PolicyEvaluation } from '@/lib/policies/use-policy-evaluation';
import { useSavePolicyChanges } from '@/lib/policies/use-save-policy-changes';
import { USER_TYPE_LABELS } from '@/lib/user-type-names';
import type { OverrideInput } from '../api/override-schema';
import { allocationOfInput, resetOfInput, targetOfInput, type RuleInput } from '../api/rule-schema';
import { movedRule, newEntryId, nextPosition, stamp, tombstone } from '../utils/entries';
import { ConflictSetting } from './conflict-setting';
import { OverrideDialog } from './override-dialog';
import { OverridesSection } from './overrides-section';
import { PrecedenceNote } from './precedence-note';
import { RuleDialog, type TargetOptions } from './rule-dialog';
import { RulesSection } from './rules-section';
import { UncoveredSetting } from './uncovered-setting';
import '../policies.css';

/** The Policies page: rules by role, user type and group, member overrides, and the conflict setting. */
export function PoliciesPage() {
  const evaluation = usePolicyEvaluation();
  if (evaluation.error && !evaluation.data) {
    return (
      <ErrorState
        title="Policies could not be loaded"
        message={evaluation.error.message}
        onRetry={evaluation.refetch}
      />
    );
  }
  if (!evaluation.data) {
    return <Skeleton lines={4} label="Loading policies…" />;
  }
  return <PoliciesEditor evaluation={evaluation.data} />;
}

type DialogState =
  | { kind: 'none' }
  | { kind: 'rule'; rule: PolicyRule | undefined }
  | { kind: 'override'; override: MemberOverride | undefined };

function PoliciesEditor({ evaluation }: { evaluation: PolicyEvaluation }) {
  const { client, username } = useArcGISSession();
  const [masked] = usePresentationMode();
  const save = useSavePolicyChanges();
  const [dialog, setDialog] = useState<DialogState>({ kind: 'none' });
  const [notifying, setNotifying] = useState<readonly NotifyRecipient[] | null>(null);
  const notifyOpener = useRef<HTMLElement | null>(null);
  const self = useQuery(portalQueries.self(client));
  const roles = useQuery(portalQueries.roles(client));
  const orgId = self.data?.id ?? '';
  const groups = useQuery({ ...policyQueries.groups(client, orgId), enabled: Boolean(orgId) });

  const { doc, names, members, orgDefault, membership, results, budgetingEnabled } = evaluation;
  const openNotify = (rule: PolicyRule, opener: HTMLElement) => {
    notifyOpener.current = opener;
    const decided = results.filter((r) => r.source.kind === 'rule' && r.source.ruleId === rule.id);
    setNotifying(
      recipientsOf(
        members,
        decided.map((r) => r.username),
        budgetingEnabled,
      ),
    );
  };
  const rules = useMemo(() => liveRules(doc), [doc]);
  const overrides = useMemo(() => liveOverrides(doc), [doc]);
  const coverage = useMemo(
    () => ruleCoverage(members, doc, orgDefault, membership),
    [members, doc, orgDefault, membership],
  );
  const memberNames = useMemo(() => new Map(members.map((m) => [m.username.toLowerCase(), m])), [members]);

  const options = useMemo((): TargetOptions => {
    const userTypes = new Set(Object.keys(USER_TYPE_LABELS).filter((t) => t !== 'GISProfessionalBasicUT'));
    for (const m of members) if (m.userLicenseTypeId) userTypes.add(m.userLicenseTypeId);
    const roleKeys = ['org_admin', 'org_publisher', 'org_user', ...(roles.data ?? []).map((r) => r.id)];
    const label = (t: Parameters<typeof targetName>[0]) => targetName(t, names);
    const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
    return {
      role: [...new Set(roleKeys)]
        .map((k) => ({ value: k, label: label({ kind: 'role', roleKey: k }) }))
        .sort(byLabel),
      'user-type': [...userTypes]
        .map((t) => ({ value: t, label: label({ kind: 'user-type', userTypeId: t }) }))
        .sort(byLabel),
      group: (groups.data ?? []).map((g) => ({ value: g.id, label: g.title })),
    };
  }, [members, roles.data, groups.data, names]);

  const run = async (changes: PolicyChanges, message: string) => {
    await save.mutateAsync(changes);
    notify({ kind: 'success', message });
  };
  const runQuietly = (changes: PolicyChanges, message: string) =>
    run(changes, message).catch((e: unknown) =>
      notify({ kind: 'error', message: `Not saved: ${e instanceof Error ? e.message : String(e)}` }),
    );

  const saveRule = async (values: RuleInput) => {
    const editing = dialog.kind === 'rule' ? dialog.rule : undefined;
    const target = targetOfInput(values);
    const reset = resetOfInput(values);
    const rule: PolicyRule = {
      id: editing?.id ?? newEntryId(),
      ...stamp(username),
      target,
      targetLabel: targetName(target, names),
      allocation: allocationOfInput(values),
      position: editing?.position ?? nextPosition(doc.rules),
      ...(reset ? { reset } : {}),
      ...(editing?.note ? { note: editing.note } : {}),
    };
    await run({ rules: [rule] }, editing ? 'Rule saved.' : 'Rule added.');
    setDialog({ kind: 'none' });
  };

  const saveOverride = async (values: OverrideInput) => {
    const editing = dialog.kind === 'override' ? dialog.override : undefined;
    const member = memberNames.get(values.username.toLowerCase());
    const name = editing?.username ?? member?.username ?? values.username;
    const override: MemberOverride = {
      id: overrideIdOf(name),
      ...stamp(username),
      username: name,
      allocation: allocationOfInput(values),
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
    };
    await run({ overrides: [override] }, 'Override saved.');
    setDialog({ kind: 'none' });
  };

  const fullNameOf = (u: string) => {
    const m = memberNames.get(u.toLowerCase());
    return m && 'fullName' in m && typeof m.fullName === 'string' ? m.fullName : undefined;
  };
  const editingOverride = dialog.kind === 'override' ? dialog.override : undefined;
  const overridePerson = editingOverride ? fullNameOf(editingOverride.username) : undefined;

  return (
    <div className="policies-page">
      <PrecedenceNote conflict={doc.groupConflict.value} uncovered={uncoveredOf(doc)} />
      <RulesSection
        rules={rules}
        coverage={coverage}
        names={names}
        isSaving={save.isPending}
        onAdd={() => setDialog({ kind: 'rule', rule: undefined })}
        onEdit={(rule) => setDialog({ kind: 'rule', rule })}
        onMove={(index, direction) => {
          const moved = movedRule(rules, index, direction);
          if (moved) void runQuietly({ rules: [{ ...moved, ...stamp(username) }] }, 'Rule moved.');
        }}
        onDelete={(rule) => void runQuietly({ rules: [tombstone(rule, username)] }, 'Rule deleted.')}
        onNotify={openNotify}
      />
      <NotifyDialog
        recipients={notifying}
        onClose={() => setNotifying(null)}
        onCloseAutoFocus={(e) => {
          if (notifyOpener.current?.isConnected) {
            e.preventDefault();
            notifyOpener.current.focus();
          }
        }}
      />
      <ConflictSetting
        value={doc.groupConflict.value}
        isSaving={save.isPending}
        onChange={(value: GroupConflict) =>
          void runQuietly(
            { groupConflict: { ...doc.groupConflict, ...stamp(username), value } },
            `Members in several groups now get the ${value} allocation.`,
          )
        }
      />
      <UncoveredSetting
        value={uncoveredOf(doc)}
        isSaving={save.isPending}
        onChange={(value: UncoveredMembers) =>
          void runQuietly(
            { uncovered: { id: UNCOVERED_ID, ...stamp(username), value } },
            value === 'keep'
              ? 'Members no rule covers now keep their current allocation.'
              : 'Members no rule covers now get the organization’s default allocation.',
          )
        }
      />
      <OverridesSection
        overrides={overrides}
        isMasked={masked}
        isSaving={save.isPending}
        fullNameOf={fullNameOf}
        onAdd={() => setDialog({ kind: 'override', override: undefined })}
        onEdit={(override) => setDialog({ kind: 'override', override })}
        onDelete={(o) => void runQuietly({ overrides: [tombstone(o, username)] }, 'Override deleted.')}
      />
      <RuleDialog
        open={dialog.kind === 'rule'}
        rule={dialog.kind === 'rule' ? dialog.rule : undefined}
        options={options}
        groupsNote={groupsNoteOf(groups.isPending && Boolean(orgId), groups.error, options.group.length)}
        onSave={saveRule}
        onClose={() => setDialog({ kind: 'none' })}
      />
      <OverrideDialog
        open={dialog.kind === 'override'}
        initial={
          editingOverride
            ? {
                username: editingOverride.username,
                noLimit: editingOverride.allocation.kind === 'no-limit',
                allocation:
                  editingOverride.allocation.kind === 'credits'
                    ? String(editingOverride.allocation.credits)
                    : '',
                note: editingOverride.note ?? '',
              }
            : undefined
        }
        memberLabel={
          editingOverride
            ? personLabel(
                displayPerson({ username: editingOverride.username, fullName: overridePerson }, masked),
              )
            : undefined
        }
        isMember={(u) => memberNames.has(u.toLowerCase())}
        onSave={saveOverride}
        onClose={() => setDialog({ kind: 'none' })}
      />
    </div>
  );
}

function groupsNoteOf(isLoading: boolean, error: Error | null, count: number): string | undefined {
  if (isLoading) return 'Loading the organization’s groups…';
  if (error) return `The organization’s groups could not be loaded: ${error.message}`;
  if (count === 0) return 'This organization has no groups.';
  return undefined;
}

function personLabel(p: { fullName: string; displayUsername: string }): string {
  return p.fullName || p.displayUsername;
}
