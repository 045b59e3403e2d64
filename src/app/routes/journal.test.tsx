import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../../tests/render';
import { getPortal, resetPortal } from '../../../tests/server';

function creditsOf(username: string) {
  const org = getPortal().org;
  const member = org.findMember(username);
  if (!member) throw new Error(`no ${username}`);
  return org.memberCredits(member).assignedCredits;
}

async function removeLimitOfDemoMember() {
  const view = renderApp({ route: '/members?q=demo_member' });
  const table = await screen.findByRole('table', { name: 'Members' }, { timeout: 10_000 });
  const { user } = view;
  await user.click(within(table).getByRole('checkbox', { name: 'Select demo_member' }));
  await user.click(screen.getByRole('button', { name: 'Remove limit' }));
  const dialog = await screen.findByRole('dialog', { name: 'Remove limit for 1 member' });
  const preview = within(dialog).getByRole('list', { name: 'Members and their new allocation' });
  expect(preview).toHaveTextContent(/Sam Patel/);
  expect(preview).toHaveTextContent(/demo_member/);
  await user.click(within(dialog).getByRole('button', { name: 'Apply to 1 member' }));
  expect(await within(dialog).findByText('1 member updated.')).toBeInTheDocument();
  await user.click(within(dialog).getByRole('button', { name: 'Close' }));
  await user.click(screen.getByRole('link', { name: 'Journal' }));
  const journal = await screen.findByRole('list', { name: 'Journal' });
  const entry = within(journal).getByRole('listitem', { name: 'Remove limit' });
  expect(within(entry).getByRole('list', { name: 'Outcome counts' })).toHaveTextContent('Applied: 1');
  return { ...view, entry };
}

describe('Journal', () => {
  it('records a run and undoes it: the member has their previous allocation on the portal again', async () => {
    resetPortal();
    const before = creditsOf('demo_member');
    expect(before).toBeGreaterThanOrEqual(0);
    const { user, entry } = await removeLimitOfDemoMember();
    expect(creditsOf('demo_member')).toBe(-1);

    await user.click(within(entry).getByRole('button', { name: 'Undo' }));
    const dialog = await screen.findByRole('dialog', { name: 'Undo: Remove limit' });
    const groups = await within(dialog).findByRole('list', { name: 'Changes to apply' });
    expect(groups).toHaveTextContent(`1 member: No limit → ${before}`);
    await user.click(within(dialog).getByRole('button', { name: 'Apply to 1 member' }));
    expect(await within(dialog).findByText('1 member updated.')).toBeInTheDocument();
    expect(creditsOf('demo_member')).toBe(before);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('list', { name: 'Journal' })).getAllByRole('listitem', {
          name: /Remove limit/,
        }),
      ).toHaveLength(2),
    );
    // The run that was put back says so, and a second undo is offered as such.
    const undone = within(screen.getByRole('list', { name: 'Journal' })).getByRole('listitem', {
      name: 'Remove limit',
    });
    expect(within(undone).getByText(/^Undone /)).toBeInTheDocument();
    expect(within(undone).getByRole('button', { name: 'Undo again' })).toBeInTheDocument();
  });

  it('leaves out, and names, a member whose allocation changed since', async () => {
    resetPortal();
    const { user, entry } = await removeLimitOfDemoMember();
    // Someone else changes the member on the portal after the run.
    getPortal().org.assign([{ username: 'demo_member', credits: 12 }]);
    await user.click(within(entry).getByRole('button', { name: 'Undo' }));
    const dialog = await screen.findByRole('dialog', { name: 'Undo: Remove limit' });
    const leftOut = await within(dialog).findByRole('region', { name: 'Members left out' });
    expect(leftOut).toHaveTextContent(/demo_member/);
    expect(leftOut).toHaveTextContent(/now 12/);
    expect(within(dialog).queryByRole('button', { name: /^Apply/ })).not.toBeInTheDocument();
    expect(creditsOf('demo_member')).toBe(12);
  });
});
