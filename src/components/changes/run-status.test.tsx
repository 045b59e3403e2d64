import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { delay, http, HttpResponse } from 'msw';
import { createTestQueryClient } from '../../../tests/render';
import { getPortal, issueToken, PORTAL_URL, resetPortal, server } from '../../../tests/server';
import { ArcGISSessionContext, type ArcGISSession } from '@/lib/arcgis/client-context';
import { createArcGISClient } from '@/lib/arcgis/request';
import { createMemoryJournal } from '@/lib/change-plan/journal';
import type { ChangePlan } from '@/lib/change-plan/plan';
import { ChangeRunnerProvider, useChangeRunner } from '@/lib/change-plan/runner-context';
import { memberIndexQueries } from '@/lib/member-index';
import type { MemberRecord } from '@/lib/member-index/record';
import { RunStatus } from './run-status';

const ASSIGN_URL = `${PORTAL_URL}/sharing/rest/portals/self/assignUserCredits`;

function StartAndWatch({ plan }: { plan: ChangePlan }) {
  const runner = useChangeRunner();
  const [runId, setRunId] = useState<string>();
  if (!runId)
    return (
      <button type="button" onClick={() => setRunId(runner.start(plan).id)}>
        Start
      </button>
    );
  return <RunStatus runId={runId} onClose={() => setRunId(undefined)} />;
}

function startableRun(plan: ChangePlan, opts: { indexedMembers?: number } = {}) {
  const token = issueToken();
  const session: ArcGISSession = {
    client: createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token }),
    username: 'demo_admin',
    onSignedInAgain: () => () => {},
  };
  const queryClient = createTestQueryClient();
  if (opts.indexedMembers !== undefined) {
    // The member index of an org this size, as the Members page would have loaded it.
    const members = Array.from({ length: opts.indexedMembers }, (_, i) => ({ username: `member${i}` }));
    queryClient.setQueryData(memberIndexQueries.index(session.client).queryKey, members as MemberRecord[]);
  }
  render(
    <QueryClientProvider client={queryClient}>
      <ArcGISSessionContext.Provider value={session}>
        <ChangeRunnerProvider journal={createMemoryJournal()}>
          <StartAndWatch plan={plan} />
        </ChangeRunnerProvider>
      </ArcGISSessionContext.Provider>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('Run status: sending again what a run did not update', () => {
  it('names failed and not sent members in the action, and sends exactly those again', async () => {
    resetPortal({ members: 500 });
    const org = getPortal().org;
    const plan: ChangePlan = {
      kind: 'bulk-set',
      title: 'Set allocation to 7',
      changes: org.members.map((m) => ({ username: m.username, before: null, after: 7 })),
    };
    // Five batches of 100, four in flight: the first batch fails; the run is stopped before the fifth.
    let first = true;
    server.use(
      http.post(ASSIGN_URL, async ({ request }) => {
        await delay(1000);
        if (first) {
          first = false;
          return HttpResponse.json({ error: { code: 500, message: 'Backend down' } });
        }
        return getPortal().app.fetch(request);
      }),
    );
    const user = startableRun(plan);
    await user.click(screen.getByRole('button', { name: 'Start' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel run…' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Stop this run?' });
    await user.click(within(confirm).getByRole('button', { name: 'Stop run' }));

    const outcome = await screen.findByRole('list', { name: 'Outcome' }, { timeout: 5000 });
    expect(outcome).toHaveTextContent('Failed: 100');
    expect(outcome).toHaveTextContent('Not sent: 100');
    const again = screen.getByRole('button', { name: 'Retry failed and not sent (200)' });
    const missing = () => org.members.filter((m) => org.memberCredits(m).assignedCredits !== 7).length;
    expect(missing()).toBe(200);

    await user.click(again);
    expect(await screen.findByText('200 members updated.', undefined, { timeout: 5000 })).toBeInTheDocument();
    expect(missing()).toBe(0);
    expect(screen.queryByRole('button', { name: /^Retry|^Send not sent/ })).not.toBeInTheDocument();
  });
});

describe('Run status: a stopped run', () => {
  it('says what was applied and what was not sent as a plain status, not an error', async () => {
    resetPortal({ members: 500 });
    const org = getPortal().org;
    const plan: ChangePlan = {
      kind: 'bulk-set',
      title: 'Set allocation to 8',
      changes: org.members.map((m) => ({ username: m.username, before: null, after: 8 })),
    };
    // Five batches of 100, four in flight: stopping while they are out leaves the fifth not sent.
    server.use(
      http.post(ASSIGN_URL, async ({ request }) => {
        await delay(1000);
        return getPortal().app.fetch(request);
      }),
    );
    const user = startableRun(plan);
    await user.click(screen.getByRole('button', { name: 'Start' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel run…' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Stop this run?' });
    await user.click(within(confirm).getByRole('button', { name: 'Stop run' }));

    const summary = await screen.findByText('Stopped: 400 applied, 100 not sent.', undefined, {
      timeout: 5000,
    });
    expect(screen.getByRole('status')).toContainElement(summary);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(summary).not.toHaveClass('notice-error');
    expect(screen.getByRole('button', { name: 'Send not sent (100)' })).toBeInTheDocument();
  });

  it('stays an error when members failed as well', async () => {
    resetPortal({ members: 500 });
    const org = getPortal().org;
    const plan: ChangePlan = {
      kind: 'bulk-set',
      title: 'Set allocation to 6',
      changes: org.members.map((m) => ({ username: m.username, before: null, after: 6 })),
    };
    let first = true;
    server.use(
      http.post(ASSIGN_URL, async ({ request }) => {
        await delay(1000);
        if (first) {
          first = false;
          return HttpResponse.json({ error: { code: 500, message: 'Backend down' } });
        }
        return getPortal().app.fetch(request);
      }),
    );
    const user = startableRun(plan);
    await user.click(screen.getByRole('button', { name: 'Start' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel run…' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Stop this run?' });
    await user.click(within(confirm).getByRole('button', { name: 'Stop run' }));

    const alert = await screen.findByRole('alert', undefined, { timeout: 5000 });
    expect(alert).toHaveTextContent('Stopped: 300 applied, 100 not updated, 100 not sent.');
    expect(within(alert).getByText(/^Stopped:/)).toHaveClass('notice-error');
  });
});

describe('Run status: the member table during a run', () => {
  const slowAssign = () =>
    server.use(
      http.post(ASSIGN_URL, async ({ request }) => {
        await delay(300);
        return getPortal().app.fetch(request);
      }),
    );

  it('says how often the table catches up in a large organization, until the run ends', async () => {
    resetPortal({ members: 200 });
    const org = getPortal().org;
    slowAssign();
    const plan: ChangePlan = {
      kind: 'bulk-set',
      title: 'Set allocation to 9',
      changes: org.members.map((m) => ({ username: m.username, before: null, after: 9 })),
    };
    const user = startableRun(plan, { indexedMembers: 50_000 });
    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(
      await screen.findByText(
        'In an organization this size the member table catches up every 10 seconds, and in full when the run ends.',
      ),
    ).toBeInTheDocument();
    await screen.findByText('200 members updated.', undefined, { timeout: 5000 });
    expect(screen.queryByText(/member table catches up/)).not.toBeInTheDocument();
  });

  it('says nothing of it in a small organization, where the table follows every moment', async () => {
    resetPortal({ members: 200 });
    const org = getPortal().org;
    slowAssign();
    const plan: ChangePlan = {
      kind: 'bulk-set',
      title: 'Set allocation to 9',
      changes: org.members.map((m) => ({ username: m.username, before: null, after: 9 })),
    };
    const user = startableRun(plan, { indexedMembers: 2_000 });
    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(await screen.findByText(/of 200 processed/)).toBeInTheDocument();
    expect(screen.queryByText(/member table catches up/)).not.toBeInTheDocument();
    await screen.findByText('200 members updated.', undefined, { timeout: 5000 });
  });
});
