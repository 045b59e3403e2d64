import { useState } from 'react';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { useArcGISClient } from '@/lib/arcgis/client-context';
import { describeError } from '@/lib/arcgis/errors';
import { useMoneyLens } from '@/lib/money';
import { hasChanges, type Sandbox } from '@/lib/what-if/sandbox';
import { useWhatIf, type WhatIfData } from '../api/use-what-if';
import { Comparison } from './comparison';
import { MemberCapsEditor } from './member-caps-editor';
import { PolicyAmountsEditor } from './policy-amounts-editor';
import { MemberRunOuts } from './member-run-outs';
import { SandboxEditor } from './sandbox-editor';
import { SandboxFileActions } from './sandbox-file';
import { describeCap as describeCapText } from '../utils/format';
import { userTypeLabel as userTypeName } from '@/lib/user-type-names';

export interface WhatIfPanelProps {
  sandbox: Sandbox;
  onChange(change: (s: Sandbox) => Sandbox): void;
  onReplace(s: Sandbox): void;
  onApply(data: WhatIfData): void;
  onDiscard(): void;
}

/** The open what-if on the Overview: its figures beside today's, what it changes, and Apply/Discard. */
export function WhatIfPanel(props: WhatIfPanelProps) {
  const state = useWhatIf(props.sandbox);
  return (
    <section className="card what-if-panel" aria-labelledby="what-if-title">
      <h2 id="what-if-title" className="overview-card-title" tabIndex={-1}>
        What-if
      </h2>
      <WhatIfBody {...props} state={state} />
    </section>
  );
}

function WhatIfBody({
  state,
  sandbox,
  onChange,
  onReplace,
  onApply,
  onDiscard,
}: WhatIfPanelProps & { state: ReturnType<typeof useWhatIf> }) {
  const client = useArcGISClient();
  const pricing = useMoneyLens();
  const [confirmDiscard, setConfirmDiscard] = useState(false);

  const discard = (
    <div className="what-if-actions print-hide">
      {confirmDiscard ? (
        <div role="group" aria-label="Discard the what-if?" className="what-if-confirm">
          <span>Discard every change in this what-if? Nothing in the organization changes either way.</span>
          <button type="button" className="button button-danger" onClick={onDiscard}>
            Discard the what-if
          </button>
          <button type="button" className="button button-secondary" onClick={() => setConfirmDiscard(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => (hasChanges(sandbox) ? setConfirmDiscard(true) : onDiscard())}
        >
          Discard
        </button>
      )}
    </div>
  );

  if (state.status === 'pending')
    return (
      <>
        <Skeleton lines={4} label={state.label} />
        <p className="muted small">{state.label}…</p>
        {discard}
      </>
    );
  if (state.status === 'error') {
    return (
      <>
        <ErrorState
          title="The what-if could not be worked out"
          message={describeError(state.error)}
          onRetry={state.retry}
        />
        {discard}
      </>
    );
  }
  if (state.status === 'off') {
    return (
      <>
        <p className="muted">
          Credit budgeting is off, so members have no allocations to try amounts on. Turn budgeting on first.
        </p>
        {discard}
      </>
    );
  }
  const { data } = state;
  const now = data.pace.end;
  const changed = hasChanges(sandbox);
  return (
    <>
      <p className="muted print-hide">
        Change amounts here and watch the figures move. Nothing changes in the organization until you choose
        Apply, which shows every member it changes first.
      </p>
      <Comparison
        today={data.today.summary}
        whatIf={data.whatIf.summary}
        balance={data.portal.availableCredits ?? 0}
        now={now}
        pricing={pricing}
      />
      <div className="what-if-columns print-hide">
        <SandboxEditor
          sandbox={sandbox}
          members={data.members}
          todayDefault={data.todayDefault}
          onChange={onChange}
        >
          {data.policies && (
            <PolicyAmountsEditor doc={data.policies.doc} sandbox={sandbox} onChange={onChange} />
          )}
        </SandboxEditor>
        <MemberCapsEditor sandbox={sandbox} users={data.users} onChange={onChange} />
      </div>
      <PrintedChanges sandbox={sandbox} data={data} />
      <MemberRunOuts users={data.users} today={data.today.members} whatIf={data.whatIf.members} now={now} />
      <div className="what-if-actions print-hide">
        <button
          type="button"
          className="button button-primary"
          disabled={!changed}
          onClick={() => onApply(data)}
        >
          Apply…
        </button>
        {!changed && <span className="muted small">Change an amount to apply it.</span>}
      </div>
      {discard}
      <SandboxFileActions sandbox={sandbox} portalUrl={client.portalUrl} onOpen={onReplace} />
    </>
  );
}

/** On paper, the what-if's changes in words (the editors are screen-only). */
function PrintedChanges({ sandbox, data }: { sandbox: Sandbox; data: WhatIfData }) {
  const types = Object.entries(sandbox.typeCaps);
  const members = Object.keys(sandbox.memberCaps).length;
  return (
    <ul className="what-if-print-only" aria-hidden="true">
      {sandbox.defaultAllocation !== undefined && (
        <li>
          Default for new members: {describeCapText(data.todayDefault)} →{' '}
          {describeCapText(sandbox.defaultAllocation)}
          {sandbox.moveMembersOnDefault ? ', members on today’s default move with it' : ''}
        </li>
      )}
      {types.map(([id, cap]) => (
        <li key={id}>
          {userTypeName(id)}: {describeCapText(cap)}
        </li>
      ))}
      {members > 0 && (
        <li>
          {members} {members === 1 ? 'member has' : 'members have'} their own cap
        </li>
      )}
    </ul>
  );
}
