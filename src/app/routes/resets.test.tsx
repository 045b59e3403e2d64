import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../../tests/render';
import { PORTAL_URL, getPortal, issueToken, resetPortal } from '../../../tests/server';
import { getPortalSelf } from '@/lib/arcgis/portal';
import { createArcGISClient } from '@/lib/arcgis/request';
import { savePolicyChanges } from '@/lib/policies/store';

/** Saves "Creators 500, reset monthly on the 1st", as an admin saved it long ago, in the demo org. */
async function saveCreatorsResetRule() {
  const token = issueToken('demo_admin');
  const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
  const self = await getPortalSelf(client);
  const me = { username: 'demo_admin', orgId: self.id };
  const saved = Date.parse('2020-01-15T00:00:00Z');
  await savePolicyChanges(
    client,
    me,
    {
      rules: [
        {
          id: 'creators',
          updated: saved,
          updatedBy: 'demo_admin',
          position: 1,
          target: { kind: 'user-type', userTypeId: 'creatorUT' },
          allocation: { kind: 'credits', credits: 500 },
          reset: { kind: 'monthly', day: 1 },
        },
      ],
    },
    { settleMs: 0, now: saved },
  );
}

describe('Overview: Reset due', () => {
  it('lists a due monthly reset and runs it through the pipeline: every Creator gets 500 again', async () => {
    resetPortal({ members: 60 });
    await saveCreatorsResetRule();
    const org = getPortal().org;
    const creators = org.members.filter((m) => m.userLicenseTypeId === 'creatorUT');
    expect(creators.length).toBeGreaterThan(1);

    const { user } = renderApp({ route: '/' });
    const card = await screen.findByRole('region', { name: 'Reset due' }, { timeout: 20_000 });
    const due = within(card).getByRole('list', { name: 'Resets due' });
    expect(due).toHaveTextContent(/Creator: Monthly on day 1, due \d{4}-\d{2}-01/);
    await user.click(within(card).getByRole('button', { name: 'Run reset…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Run reset' });
    await user.click(within(dialog).getByRole('button', { name: /^Apply/ }));
    await within(dialog).findByRole('list', { name: 'Outcome' }, { timeout: 20_000 });

    // The portal: every Creator has 500, as a new allocation (nothing used of it yet).
    await waitFor(() => {
      for (const m of creators) {
        const c = org.memberCredits(m);
        expect(c.assignedCredits).toBe(500);
        expect(c.availableCredits).toBe(500);
      }
    });
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    // Applied: the card no longer lists it.
    expect(await within(card).findByText(/^No reset is due today/)).toBeInTheDocument();
  });
});
