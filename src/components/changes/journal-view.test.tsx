import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { http, HttpResponse } from 'msw';
import { createTestQueryClient } from '../../../tests/render';
import { getPortal, issueToken, PORTAL_URL, resetPortal, server } from '../../../tests/server';
import { ArcGISSessionContext, type ArcGISSession } from '@/lib/arcgis/client-context';
import { getPortalSelf } from '@/lib/arcgis/portal';
import { createArcGISClient } from '@/lib/arcgis/request';
import { emptyCounts } from '@/lib/change-plan/execute';
import { createMemoryJournal, type AllocationRunEntry } from '@/lib/change-plan/journal';
import { loadOrgJournal, syncJournal } from '@/lib/change-plan/journal-sync';
import { ChangeRunnerProvider } from '@/lib/change-plan/runner-context';
import { JournalView } from './journal-view';

const SEARCH_URL = `${PORTAL_URL}/sharing/rest/search`;

function entry(id: string, title: string, username: string, startedAt: number): AllocationRunEntry {
  return {
    type: 'allocations',
    id,
    portalUrl: PORTAL_URL,
    username,
    startedAt,
    finishedAt: startedAt + 1000,
    state: 'finished',
    plan: { kind: 'bulk-set', title, changes: [{ username: 'demo_member', before: 1, after: 2 }] },
    outcomes: [{ username: 'demo_member', status: 'applied' }],
    counts: { ...emptyCounts(), applied: 1 },
  };
}

describe('Journal page: the journal shared through the organization', () => {
  it('keeps this browser’s entries when sharing fails, says so quietly, and shares them on retry', async () => {
    resetPortal({ members: 50 });
    const token = issueToken();
    const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
    const self = await getPortalSelf(client);
    const me = { username: 'demo_admin', orgId: self.id };
    const now = Date.now();
    // Another browser shared a run already.
    await syncJournal(client, me, [entry('theirs', 'Set allocation to 9', 'demo_admin', now - 60_000)], {
      settleMs: 0,
    });
    const journal = createMemoryJournal();
    await journal.put(entry('mine', 'Set allocation to 2', 'demo_admin', now - 1000));

    // The portal’s search is down at first (signed-in requests are POSTs).
    let down = true;
    server.use(
      http.post(SEARCH_URL, ({ request }) =>
        down
          ? HttpResponse.json({ error: { code: 500, message: 'Search is unavailable' } })
          : getPortal().app.fetch(request),
      ),
    );
    const session: ArcGISSession = { client, username: 'demo_admin', onSignedInAgain: () => () => {} };
    render(
      <QueryClientProvider client={createTestQueryClient()}>
        <ArcGISSessionContext.Provider value={session}>
          <ChangeRunnerProvider journal={journal}>
            <JournalView />
          </ChangeRunnerProvider>
        </ArcGISSessionContext.Provider>
      </QueryClientProvider>,
    );
    const user = userEvent.setup();

    expect(
      await screen.findByText(/Not yet shared with the organization/, {}, { timeout: 20_000 }),
    ).toBeVisible();
    const list = screen.getByRole('list', { name: 'Journal' });
    expect(within(list).getByRole('listitem', { name: 'Set allocation to 2' })).toHaveTextContent(
      'from this browser',
    );
    expect(within(list).queryByRole('listitem', { name: 'Set allocation to 9' })).not.toBeInTheDocument();

    down = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText(/^Shared with the organization/, {}, { timeout: 20_000 })).toBeVisible();
    const theirs = within(list).getByRole('listitem', { name: 'Set allocation to 9' });
    expect(theirs).toHaveTextContent('by demo_admin');
    expect(theirs).toHaveTextContent('from another browser');
    expect(within(theirs).getByRole('button', { name: 'Undo' })).toBeEnabled();

    // The org's item now holds both.
    const { doc } = await loadOrgJournal(client, me);
    expect(doc.entries.map((e) => e.id).sort()).toEqual(['mine', 'theirs']);
  }, 60_000);
});
