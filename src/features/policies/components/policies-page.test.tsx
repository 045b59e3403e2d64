import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../../../tests/render';
import { PORTAL_URL, issueToken } from '../../../../tests/server';
import { getPortalSelf } from '@/lib/arcgis/portal';
import { createArcGISClient } from '@/lib/arcgis/request';
import { liveRules } from '@/lib/policies/engine';
import { loadPolicies, savePolicyChanges } from '@/lib/policies/store';

async function adminSession() {
  const token = issueToken('demo_admin');
  const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
  const self = await getPortalSelf(client);
  return { client, me: { username: 'demo_admin', orgId: self.id } };
}

/** "Creators 500", saved by the administrator: the org's policy item exists. */
async function saveCreatorsRule() {
  const { client, me } = await adminSession();
  await savePolicyChanges(
    client,
    me,
    {
      rules: [
        {
          id: 'creators',
          updated: Date.now() - 60_000,
          updatedBy: 'demo_admin',
          position: 1,
          target: { kind: 'user-type', userTypeId: 'creatorUT' },
          allocation: { kind: 'credits', credits: 500 },
        },
      ],
    },
    { settleMs: 0 },
  );
}

const PERMISSION =
  /Only an administrator can change the organization's policies.*Ask an administrator, or sign in as one\./;

describe('Policies: a member who may not change them', () => {
  it('a credit manager sees the org’s policies; saving a rule says who may, and keeps the dialog and its values', async () => {
    await saveCreatorsRule();
    const { user } = renderApp({ route: '/policies', signedInAs: 'demo_credits' });
    // The administrator's rule, read from the item shared with the org.
    const rules = await screen.findByRole('heading', { name: 'Rules' }, { timeout: 20_000 });
    expect(rules).toBeInTheDocument();
    expect(await screen.findByText('500', { exact: false })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a rule' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'User type' }), 'Viewer');
    const amount = within(dialog).getByLabelText('Allocation (credits)');
    await user.clear(amount);
    await user.type(amount, '25');
    await user.click(within(dialog).getByRole('button', { name: 'Save rule' }));

    const alert = await within(dialog).findByRole('alert', {}, { timeout: 20_000 });
    expect(alert).toHaveTextContent(PERMISSION);
    expect(alert).not.toHaveTextContent(/You do not have permissions/);
    // Nothing typed is lost: the dialog is open with the values.
    expect(screen.getByRole('dialog', { name: 'Add a rule' })).toBeInTheDocument();
    expect(within(dialog).getByRole('combobox', { name: 'User type' })).toHaveDisplayValue('Viewer');
    expect(within(dialog).getByLabelText('Allocation (credits)')).toHaveValue('25');

    // The portal holds the administrator's rule only.
    const { client, me } = await adminSession();
    expect(liveRules((await loadPolicies(client, me)).doc).map((r) => r.id)).toEqual(['creators']);

    // Closing the dialog hands focus back to the button that opened it, not to the page body.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getByRole('button', { name: 'Add rule' })).toHaveFocus());
  });
});

describe('Policies: members no rule covers', () => {
  it('an administrator chooses to keep their allocation; the org’s policy document says so', async () => {
    await saveCreatorsRule();
    const { user } = renderApp({ route: '/policies' });
    const setting = await screen.findByRole('group', { name: 'Members no rule covers' }, { timeout: 20_000 });
    expect(
      within(setting).getByRole('radio', { name: 'Use the organization’s default allocation' }),
    ).toBeChecked();
    await user.click(within(setting).getByRole('radio', { name: 'Keep their current allocation' }));
    expect(
      await screen.findByText('Otherwise the member keeps the allocation they have now.'),
    ).toBeInTheDocument();

    const { client, me } = await adminSession();
    await waitFor(async () => expect((await loadPolicies(client, me)).doc.uncovered?.value).toBe('keep'));
    expect(within(setting).getByRole('radio', { name: 'Keep their current allocation' })).toBeChecked();
  });
});
