import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { renderApp } from '../../../tests/render';
import { getPortal, PORTAL_URL, resetPortal, server } from '../../../tests/server';
import { maskPerson, setPresentationMode } from '@/lib/presentation';

const ASSIGN_URL = `${PORTAL_URL}/sharing/rest/portals/self/assignUserCredits`;

async function openMembers(route: string) {
  const view = renderApp({ route });
  const table = await screen.findByRole('table', { name: 'Members' }, { timeout: 10_000 });
  return { ...view, table };
}

describe('Change pipeline', () => {
  it('previews every member by name, searchable, before anything is sent', async () => {
    resetPortal();
    const { user } = await openMembers('/members?role=org_admin');
    await user.click(screen.getByRole('button', { name: /^Select all \d+ matching$/ }));
    await user.click(screen.getByRole('button', { name: 'Set allocation…' }));
    const dialog = await screen.findByRole('dialog', { name: /Set allocation for \d+ members/ });
    await user.type(within(dialog).getByLabelText('Allocation'), '40');
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    const list = within(dialog).getByRole('list', { name: 'Members and their new allocation' });
    expect(within(list).getAllByRole('listitem').length).toBeGreaterThan(1);
    expect(within(dialog).getByText(/“used” starts again from 0/)).toBeInTheDocument();
    await user.type(within(dialog).getByRole('searchbox', { name: 'Search this preview' }), 'demo_admin');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(within(list).getByRole('listitem')).toHaveTextContent(/demo_admin.*→ 40.*left: 40/);
    // Nothing has been sent yet.
    expect(getPortal().org.memberCredits(getPortal().org.findMember('demo_admin')!).assignedCredits).not.toBe(
      40,
    );
  });

  it('keeps running after the dialog closes; the header shows it and opens its outcome', async () => {
    resetPortal({ members: 1000 });
    server.use(
      http.post(ASSIGN_URL, async ({ request }) => {
        await delay(200);
        return getPortal().app.fetch(request);
      }),
    );
    const { user } = await openMembers('/members');
    await user.click(screen.getByRole('button', { name: /^Select all [\d,]+ matching$/ }));
    await user.click(screen.getByRole('button', { name: 'Set allocation…' }));
    const dialog = await screen.findByRole('dialog', { name: /Set allocation for [\d,]+ members/ });
    await user.type(within(dialog).getByLabelText('Allocation'), '41');
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    await user.click(within(dialog).getByRole('button', { name: /^Apply to [\d,]+ members$/ }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // The console's header (the print header is the other banner).
    const banner = screen.getAllByRole('banner')[0]!;
    expect(
      within(banner).getByRole('button', { name: /^Applying [\d,]+ changes — \d+%$/ }),
    ).toBeInTheDocument();
    const done = await within(banner).findByRole(
      'button',
      { name: /^[\d,]+ changes applied$/ },
      { timeout: 5000 },
    );
    const org = getPortal().org;
    const admins = org.members;
    expect(admins.filter((m) => org.memberCredits(m).assignedCredits !== 41)).toEqual([]);
    await user.click(done);
    const status = await screen.findByRole('dialog', { name: 'Set allocation to 41' });
    expect(within(status).getByRole('list', { name: 'Outcome' })).toHaveTextContent(/Applied: 1,?000/);
    expect(within(status).getByRole('button', { name: 'Download outcome (CSV)' })).toBeInTheDocument();
  });

  it('masks the preview and the members not updated in presentation mode', async () => {
    resetPortal();
    server.use(
      http.post(`${PORTAL_URL}/sharing/rest/portals/self/unassignUserCredits`, () =>
        // A portal message that quotes the username: it is masked too.
        HttpResponse.json({ error: { code: 400, message: 'Unable to update demo_member' } }),
      ),
    );
    setPresentationMode(true);
    try {
      // Search matches what is on screen in presentation mode: the alias.
      const alias = maskPerson({ username: 'demo_member' }).displayUsername;
      const { user, table } = await openMembers(`/members?q=${alias}`);
      await user.click(within(table).getByRole('checkbox', { name: `Select ${alias}` }));
      await user.click(screen.getByRole('button', { name: 'Remove limit' }));
      const dialog = await screen.findByRole('dialog', { name: 'Remove limit for 1 member' });
      const list = within(dialog).getByRole('list', { name: 'Members and their new allocation' });
      expect(list).toHaveTextContent(/Member \d{4}/);
      expect(dialog).not.toHaveTextContent(/demo_member|Sam Patel/);
      await user.click(within(dialog).getByRole('button', { name: 'Apply to 1 member' }));
      const failed = await within(dialog).findByRole('region', { name: 'Members not updated' });
      expect(failed).toHaveTextContent(/member\d{4} \(failed\)/);
      expect(dialog).not.toHaveTextContent(/demo_member|Sam Patel/);
    } finally {
      setPresentationMode(false);
    }
  });

  it('lists import problems by alias in presentation mode, in a scroll area the keyboard reaches', async () => {
    resetPortal();
    setPresentationMode(true);
    try {
      const { user } = await openMembers('/members');
      await user.click(screen.getByRole('button', { name: 'Import CSV' }));
      const dialog = await screen.findByRole('dialog', { name: 'Import allocations' });
      const csv = [
        'username,credits',
        'demo_member,lots',
        'nosuch_person,10',
        'demo_admin,',
        'demo_member,5',
        'demo_admin,5',
      ].join('\n');
      const field = within(dialog).getByLabelText('CSV file');
      await user.upload(field, new File([csv], 'allocations.csv', { type: 'text/csv' }));
      const problems = await within(dialog).findByRole('region', { name: 'Problems by line' });
      expect(within(problems).getAllByRole('listitem')).toHaveLength(5);
      expect(problems).toHaveTextContent(/Line 2: Credits for member\d{4}/);
      expect(problems).toHaveTextContent(/Line 3: There is no member named member\d{4}/);
      expect(dialog).not.toHaveTextContent(/demo_member|demo_admin|nosuch_person/i);
      field.focus();
      await user.tab();
      expect(problems).toHaveFocus();
    } finally {
      setPresentationMode(false);
    }
  });
});
