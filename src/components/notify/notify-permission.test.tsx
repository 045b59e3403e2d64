import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderApp } from '../../../tests/render';
import { getPortal, resetPortal } from '../../../tests/server';

describe('Notify: a member who may not send notifications', () => {
  it('a credit manager is told who may send, back on the text as typed; the portal records nothing', async () => {
    resetPortal();
    const { user } = renderApp({ route: '/members?status=exhausted', signedInAs: 'demo_credits' });
    await screen.findByRole('table', { name: 'Members' }, { timeout: 20_000 });
    await user.click(await screen.findByRole('button', { name: /^Select all \d+ matching$/ }));
    await user.click(screen.getByRole('button', { name: 'Notify…' }));
    const dialog = await screen.findByRole('dialog', { name: /^Notify \d+ members?$/ });

    const subject = within(dialog).getByLabelText('Subject');
    await user.clear(subject);
    await user.type(subject, 'Your credits for this term');
    await user.click(within(dialog).getByRole('radio', { name: 'E-mail' }));
    await user.click(within(dialog).getByRole('button', { name: /^Send to/ }));

    const alert = await within(dialog).findByRole('alert', {}, { timeout: 20_000 });
    expect(alert).toHaveTextContent(
      /^Only an administrator can send notifications to members.*Ask an administrator, or sign in as one\.$/,
    );
    expect(alert).not.toHaveTextContent(/You do not have permissions|403/);
    // Nothing typed is lost: still composing, with the subject and channel chosen.
    expect(within(dialog).getByLabelText('Subject')).toHaveValue('Your credits for this term');
    expect(within(dialog).getByRole('radio', { name: 'E-mail' })).toBeChecked();
    expect(within(dialog).getByRole('button', { name: /^Send to/ })).toBeEnabled();
    expect(getPortal().org.notifications.latest(10)).toEqual([]);
  });
});
