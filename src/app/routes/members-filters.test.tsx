import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { renderApp } from '../../../tests/render';
import { getPortal, resetPortal } from '../../../tests/server';

async function openMembers(route: string) {
  const view = renderApp({ route });
  const table = await screen.findByRole('table', { name: 'Members' }, { timeout: 10_000 });
  return { ...view, table };
}

describe('Members filters from a link', () => {
  it('says which role, user type or status the link asked for that doesn’t exist, and shows everyone', async () => {
    resetPortal();
    const { table } = await openMembers('/members?role=org_wizard&type=bogusUT&status=nearly');
    const notes = await screen.findAllByText(/The link asked for the/);
    expect(notes.map((n) => n.textContent)).toEqual([
      'The link asked for the role “org_wizard”, which this organization doesn’t have: showing all roles.',
      'The link asked for the user type “bogusUT”, which this organization doesn’t have: showing all user types.',
      'The link asked for the credit status “nearly”, which this organization doesn’t have: showing any status.',
    ]);
    await waitFor(() => expect(window.location.search).toBe(''));
    expect(screen.getByLabelText('Role')).toHaveValue('');
    expect(table).toHaveAttribute('aria-rowcount', '301');
  });

  it('explains why a status filter finds nobody while budgeting is off', async () => {
    resetPortal();
    getPortal().org.updateSettings({ creditAssignments: 'disabled' });
    renderApp({ route: '/members?status=exhausted' });
    expect(
      await screen.findByText(/Credit budgeting is off, so no member has a credit status/),
    ).toHaveTextContent('“Exhausted” filter matches nobody');
    expect(screen.getAllByRole('button', { name: 'Clear filters' })[0]).toBeInTheDocument();
  });

  it('keeps a filter chosen just after typing when the search goes into the address', async () => {
    resetPortal();
    const { user } = await openMembers('/members');
    await user.type(screen.getByRole('searchbox', { name: 'Search members' }), 'demo');
    await user.selectOptions(screen.getByLabelText('Credit status'), 'No limit');
    await waitFor(() => expect(window.location.search).toContain('q=demo'));
    expect(window.location.search).toContain('status=no-limit');
    expect(screen.getByLabelText('Credit status')).toHaveValue('no-limit');
  });
});
