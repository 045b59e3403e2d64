import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { renderApp } from '../../../tests/render';
import { getPortal, PORTAL_URL, resetPortal, server } from '../../../tests/server';

const REST = `${PORTAL_URL}/sharing/rest`;

function dataRows(table: HTMLElement) {
  return within(table).getAllByRole('row').slice(1);
}

function optionLabels(select: HTMLElement): string[] {
  return within(select)
    .getAllByRole('option')
    .map((o) => o.textContent ?? '');
}

describe('custom roles and user types by name', () => {
  it('lists custom roles by name in the Role filter, the table and the member dialog, never by id', async () => {
    resetPortal();
    const { user } = renderApp({ route: '/members' });
    const table = await screen.findByRole('table', { name: 'Members' }, { timeout: 10_000 });
    const roleFilter = screen.getByLabelText('Role');
    await waitFor(() => expect(optionLabels(roleFilter)).toContain('Credit manager'));
    expect(optionLabels(roleFilter)).toEqual(
      expect.arrayContaining(['Administrator', 'Publisher', 'User', 'Viewer']),
    );

    await user.selectOptions(roleFilter, 'Credit manager');
    await waitFor(() => expect(window.location.search).toContain('role=cRdtMgr0000000001'));
    const rows = dataRows(table);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(within(row).getAllByRole('cell')[2]).toHaveTextContent('Credit manager');
    expect(table).not.toHaveTextContent('cRdtMgr');

    await user.click(within(table).getByRole('button', { name: /demo_credits/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Casey Morgan' });
    expect(dialog).toHaveTextContent('Credit manager');
    expect(dialog).not.toHaveTextContent('Publisher');
  });

  it("shows today's user type names, never the access type or a raw id", async () => {
    resetPortal();
    renderApp({ route: '/members' });
    const table = await screen.findByRole('table', { name: 'Members' }, { timeout: 10_000 });
    const types = optionLabels(screen.getByLabelText('User type'));
    expect(types).toEqual(
      expect.arrayContaining([
        'Creator',
        'Professional',
        'Professional Plus',
        'Mobile Worker',
        'Contributor',
        'Viewer',
        'Storyteller',
      ]),
    );
    for (const retired of ['Field Worker', 'Editor', 'GIS Professional Advanced'])
      expect(types).not.toContain(retired);
    expect(table).not.toHaveTextContent(/arcgisonly|UT\b/);
  });

  it('the account menu names the custom role', async () => {
    resetPortal();
    const { user } = renderApp({ signedInAs: 'demo_credits' });
    await user.click(await screen.findByRole('button', { name: /^Account:/ }));
    expect(await screen.findByText(/demo_credits · Credit manager/)).toBeInTheDocument();
  });

  it('the gate names the custom role it found, from the org’s roles', async () => {
    resetPortal();
    // A member of a custom role without the Manage credits privilege.
    server.use(
      http.all(`${REST}/portals/self`, async ({ request }) => {
        const real = (await (await getPortal().app.fetch(request)).json()) as { user: object };
        return HttpResponse.json({
          ...real,
          user: { ...real.user, role: 'org_user', roleId: 'fieldCrew0000001' },
        });
      }),
      http.all(`${REST}/portals/self/roles`, async ({ request }) => {
        const real = (await (await getPortal().app.fetch(request)).json()) as {
          roles: object[];
          total: number;
        };
        const crew = {
          id: 'fieldCrew0000001',
          name: 'Field crew',
          description: 'Inspections',
          created: 0,
          modified: 0,
        };
        return HttpResponse.json({ ...real, total: real.total + 1, roles: [...real.roles, crew] });
      }),
    );
    renderApp({ signedInAs: 'demo_member' });
    expect(
      await screen.findByRole('heading', { name: "You can't manage credits in this organization" }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Field crew')).toBeInTheDocument();
    expect(screen.queryByText(/fieldCrew0000001/)).not.toBeInTheDocument();
  });
});
