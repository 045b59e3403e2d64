import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { renderApp } from '../../../tests/render';
import { PORTAL_URL, getPortal, resetPortal, server } from '../../../tests/server';
import { maskPerson, setPresentationMode } from '@/lib/presentation';

const NOTIFY_URL = `${PORTAL_URL}/sharing/rest/portals/self/createNotification`;

interface Received {
  users: string[];
  subject: string;
  message: string;
  channel: string;
}

/** Records what the portal was asked to deliver; `fail` names members whose request is refused. */
function recordNotifications(fail: readonly string[] = []): Received[] {
  const received: Received[] = [];
  server.use(
    http.post(NOTIFY_URL, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      const users = (form.get('users') ?? '').split(',');
      if (users.some((u) => fail.includes(u))) {
        return HttpResponse.json({ error: { code: 400, message: `User ${users[0]} cannot be notified.` } });
      }
      received.push({
        users,
        subject: form.get('subject') ?? '',
        message: form.get('message') ?? '',
        channel: form.get('notificationChannelType') ?? '',
      });
      return HttpResponse.json({ success: true });
    }),
  );
  return received;
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
    const received = recordNotifications();
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
    expect(received.flatMap((r) => r.users).sort()).toEqual([...exhausted].sort());
    expect(received.every((r) => r.channel === 'email' && r.users.length === 1)).toBe(true);
    const first = received[0]!;
    const member = getPortal().org.findMember(first.users[0]!)!;
    const allocated = getPortal().org.memberCredits(member).assignedCredits ?? -1;
    expect(first.message).toContain(`You have used all ${allocated.toLocaleString()} ArcGIS Online credits`);
  });

  it('refuses a subject with an unknown placeholder where it is typed, and sends nothing', async () => {
    resetPortal();
    const received = recordNotifications();
    const { user } = await openExhausted();
    await user.click(screen.getByRole('button', { name: 'Notify…' }));
    const dialog = await screen.findByRole('dialog', { name: /^Notify \d+ members$/ });
    const subject = within(dialog).getByLabelText('Subject');
    await user.clear(subject);
    await user.type(subject, 'Hello {{nme}');
    await user.click(within(dialog).getByRole('button', { name: /^Send to/ }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Unknown placeholder {nme}.');
    expect(subject).toHaveAttribute('aria-invalid', 'true');
    expect(received).toHaveLength(0);
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
    const received = recordNotifications([victim]);
    await user.click(within(dialog).getByRole('button', { name: /^Send to/ }));
    expect(await within(dialog).findByRole('list', { name: 'Outcome' })).toHaveTextContent('Failed: 1');
    const missed = within(dialog).getByRole('list', { name: 'Members not notified' });
    expect(missed).toHaveTextContent(maskPerson({ username: victim }).displayUsername);
    expect(missed).not.toHaveTextContent(victim);

    server.resetHandlers();
    const again = recordNotifications();
    await user.click(within(dialog).getByRole('button', { name: 'Send again to 1 not notified' }));
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('Sent to 1 member.'));
    expect(again.map((r) => r.users)).toEqual([[victim]]);
    expect(received.some((r) => r.users.includes(victim))).toBe(false);
  });
});
