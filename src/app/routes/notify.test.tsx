import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { renderApp } from '../../../tests/render';
import { PORTAL_URL, getPortal, resetPortal, server } from '../../../tests/server';
import { maskPerson, setPresentationMode } from '@/lib/presentation';

const NOTIFY_URL = `${PORTAL_URL}/sharing/rest/portals/self/createNotification`;

/** The one member whose request the portal refuses (a fault for the retry test). */
function refuse(username: string) {
  server.use(
    http.post(NOTIFY_URL, async ({ request }) => {
      const form = new URLSearchParams(await request.clone().text());
      const users = (form.get('users') ?? '').split(',');
      if (users.includes(username)) {
        return HttpResponse.json({ error: { code: 400, message: `User ${username} cannot be notified.` } });
      }
      return getPortal().app.fetch(request);
    }),
  );
}

async function openExhausted() {
  const view = renderApp({ route: '/members?status=exhausted' });
  const table = await screen.findByRole('table', { name: 'Members' }, { timeout: 10_000 });
  await view.user.click(await screen.findByRole('button', { name: /^Select all \d+ matching$/ }));
  return { ...view, table };
}

afterEach(() => setPresentationMode(false));

describe('Notify members', () => {
  it('sends the exhausted members a filled-in e-mail, one request each, and reports the outcome', async () => {
    resetPortal();
    const exhausted = getPortal()
      .org.members.filter((m) => {
        const c = getPortal().org.memberCredits(m);
        return (
          typeof c.assignedCredits === 'number' && c.assignedCredits >= 0 && (c.availableCredits ?? 0) <= 0
        );
      })
      .map((m) => m.username);
    expect(exhausted.length).toBeGreaterThan(1);
    const { user } = await openExhausted();
    await user.click(screen.getByRole('button', { name: 'Notify…' }));
    const dialog = await screen.findByRole('dialog', { name: `Notify ${exhausted.length} members` });

    // The "Run out" template is chosen for a list of exhausted members; the preview fills it in.
    expect(within(dialog).getByLabelText('Template')).toHaveValue('exhausted');
    expect(within(dialog).getByRole('list', { name: 'Recipients' })).toBeInTheDocument();
    const preview = within(dialog).getByRole('region', { name: /Preview for member 1 of/ });
    expect(preview).toHaveTextContent('You have used all of your ArcGIS Online credits');
    expect(preview).not.toHaveTextContent('{allocated}');

    await user.click(within(dialog).getByRole('radio', { name: 'E-mail' }));
    await user.click(within(dialog).getByRole('button', { name: `Send to ${exhausted.length} members` }));

    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      `Sent to ${exhausted.length} members.`,
    );
    expect(within(dialog).getByRole('list', { name: 'Outcome' })).toHaveTextContent('Failed: 0');
    // What the portal recorded: each member once, by e-mail, with their own numbers.
    const received = getPortal().org.notifications.latest(100);
    expect(received.flatMap((r) => r.users).sort()).toEqual([...exhausted].sort());
    expect(received.every((r) => r.channel === 'email' && r.users.length === 1)).toBe(true);
    const first = received[0]!;
    const member = getPortal().org.findMember(first.users[0]!)!;
    const allocated = getPortal().org.memberCredits(member).assignedCredits ?? -1;
    expect(first.message).toContain(`You have used all ${allocated.toLocaleString()} ArcGIS Online credits`);

    // The Demo panel lists what the demo org recorded.
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await user.click(await screen.findByRole('button', { name: /^Demo/ }));
    const panel = await screen.findByRole('dialog', { name: 'Demo controls' });
    const last = await within(panel).findByRole('list', { name: 'Last notifications' });
    expect(within(last).getAllByRole('listitem')).toHaveLength(Math.min(10, exhausted.length));
    expect(last).toHaveTextContent('You have used all of your ArcGIS Online credits');
    expect(last).toHaveTextContent('E-mail');
  });

  it('refuses a subject with an unknown placeholder where it is typed, and sends nothing', async () => {
    resetPortal();
    const { user } = await openExhausted();
    await user.click(screen.getByRole('button', { name: 'Notify…' }));
    const dialog = await screen.findByRole('dialog', { name: /^Notify \d+ members$/ });
    const subject = within(dialog).getByLabelText('Subject');
    await user.clear(subject);
    await user.type(subject, 'Hello {{nme}');
    await user.click(within(dialog).getByRole('button', { name: /^Send to/ }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Unknown placeholder {nme}.');
    expect(subject).toHaveAttribute('aria-invalid', 'true');
    expect(getPortal().org.notifications.latest(100)).toHaveLength(0);
  });

  it('masks names in the recipients, the preview and the outcome in presentation mode; retries the failed', async () => {
    resetPortal();
    setPresentationMode(true);
    const { user } = await openExhausted();
    await user.click(screen.getByRole('button', { name: 'Notify…' }));
    const dialog = await screen.findByRole('dialog', { name: /^Notify \d+ members$/ });
    const recipients = within(dialog).getByRole('list', { name: 'Recipients' });
    const firstRow = within(recipients).getAllByRole('listitem')[0]!;
    const alias = /Member \d{4}/.exec(firstRow.textContent ?? '')?.[0];
    expect(alias).toBeDefined();
    const preview = within(dialog).getByRole('region', { name: /Preview for member 1 of/ });
    expect(preview).toHaveTextContent(`Hello ${alias},`);

    const org = getPortal().org;
    const realNames = org.members.map((m) => m.fullName);
    for (const name of realNames.slice(0, 50)) expect(dialog).not.toHaveTextContent(name);

    // One member's request is refused: the outcome names them by alias, and a retry sends again.
    const victim = org.members.find((m) => maskPerson(m).fullName === alias)!.username;
    refuse(victim);
    await user.click(within(dialog).getByRole('button', { name: /^Send to/ }));
    expect(await within(dialog).findByRole('list', { name: 'Outcome' })).toHaveTextContent('Failed: 1');
    const missed = within(dialog).getByRole('list', { name: 'Members not notified' });
    expect(missed).toHaveTextContent(maskPerson({ username: victim }).displayUsername);
    expect(missed).not.toHaveTextContent(victim);

    expect(getPortal().org.notifications.builtinFor(victim)).toHaveLength(0);

    server.resetHandlers();
    await user.click(within(dialog).getByRole('button', { name: 'Send again to 1 not notified' }));
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('Sent to 1 member.'));
    expect(getPortal().org.notifications.builtinFor(victim)).toHaveLength(1);
  });
});
