import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../tests/render';
import { getPortal, PORTAL_URL, resetPortal, server } from '../../../tests/server';
import { maskPerson, setPresentationMode } from '@/lib/presentation';

const ASSIGN_URL = `${PORTAL_URL}/sharing/rest/portals/self/assignUserCredits`;

async function openMembers(route = '/members') {
  const view = renderApp({ route });
  // With ?member= the dialog is open and hides the table from the accessibility tree.
  const table = await screen.findByRole('table', { name: 'Members', hidden: true }, { timeout: 10_000 });
  return { ...view, table };
}

function dataRows(table: HTMLElement) {
  return within(table).getAllByRole('row').slice(1);
}

function cellsOf(row: HTMLElement) {
  return within(row).getAllByRole('cell');
}

function creditsOf(username: string) {
  const org = getPortal().org;
  const member = org.findMember(username);
  if (!member) throw new Error(`no ${username}`);
  return org.memberCredits(member);
}

describe('Members table', () => {
  it('searches by username, name and email as you type, keeping the search in the URL', async () => {
    resetPortal();
    const { user, table } = await openMembers();
    expect(table).toHaveAttribute('aria-rowcount', '301');
    const search = screen.getByRole('searchbox', { name: 'Search members' });
    await user.type(search, 'demo_admin');
    await waitFor(() => expect(table).toHaveAttribute('aria-rowcount', '2'));
    expect(within(table).getByRole('button', { name: /Dana Reyes demo_admin/ })).toBeInTheDocument();
    // The address follows once typing pauses.
    await waitFor(() => expect(window.location.search).toContain('q=demo_admin'));

    await user.clear(search);
    await user.type(search, 'sam pat');
    await waitFor(() =>
      expect(within(table).getByRole('button', { name: /demo_member/ })).toBeInTheDocument(),
    );

    await user.clear(search);
    await user.type(search, 'zzzz-nobody');
    expect(await screen.findByText('No members match this search and these filters.')).toBeInTheDocument();
  });

  it('sorts by allocation both ways, with aria-sort on the header', async () => {
    resetPortal();
    const { user, table } = await openMembers();
    const header = within(table).getByRole('columnheader', { name: /Allocated/ });
    expect(header).toHaveAttribute('aria-sort', 'none');
    await user.click(within(header).getByRole('button'));
    await waitFor(() => expect(header).toHaveAttribute('aria-sort', 'descending'));
    expect(cellsOf(dataRows(table)[0]!)[4]).toHaveTextContent('No limit');
    await user.click(within(header).getByRole('button'));
    await waitFor(() => expect(header).toHaveAttribute('aria-sort', 'ascending'));
    const first = cellsOf(dataRows(table)[0]!)[4]!.textContent ?? '';
    const second = cellsOf(dataRows(table)[1]!)[4]!.textContent ?? '';
    expect(first).not.toBe('No limit');
    expect(Number(first.replace(/[^\d.]/g, ''))).toBeLessThanOrEqual(Number(second.replace(/[^\d.]/g, '')));
    expect(window.location.search).toContain('sort=allocated');
  });

  it('shows members without a limit their usage this period, labelled, and sorts the heaviest first', async () => {
    resetPortal();
    const { user, table } = await openMembers('/members?status=no-limit');
    const header = within(table).getByRole('columnheader', { name: /Used \(this period\)/ });
    expect(within(header).getByRole('button')).toHaveAccessibleDescription(/no limit, the last 30 days/);
    await user.click(within(header).getByRole('button'));
    await waitFor(() => expect(header).toHaveAttribute('aria-sort', 'descending'));
    await waitFor(() => expect(cellsOf(dataRows(table)[0]!)[5]).toHaveTextContent(/last 30 d$/), {
      timeout: 10_000,
    });
    const used = dataRows(table)
      .slice(0, 8)
      .map((row) => Number((cellsOf(row)[5]!.textContent ?? '').replace(/last 30 d|[^\d.]/g, '')));
    expect(used[0]).toBeGreaterThan(0);
    expect(used).toEqual([...used].sort((a, b) => b - a));
  });

  it('shows a member without a limit the same last-30-days figure in their dialog as in the table', async () => {
    resetPortal();
    const { user, table } = await openMembers('/members?status=no-limit');
    const header = within(table).getByRole('columnheader', { name: /Used \(this period\)/ });
    await user.click(within(header).getByRole('button'));
    await waitFor(() => expect(cellsOf(dataRows(table)[0]!)[5]).toHaveTextContent(/last 30 d$/), {
      timeout: 10_000,
    });
    const first = dataRows(table)[0]!;
    const shown = (cellsOf(first)[5]!.textContent ?? '').replace(/\s*last 30 d$/, '');
    expect(Number(shown.replace(/[^\d.]/g, ''))).toBeGreaterThan(0);
    await user.click(within(first).getAllByRole('button')[0]!);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('definition', { name: 'Used (last 30 days)' })).toHaveTextContent(shown);
  });

  it('filters by role and credit status, also from a link', async () => {
    resetPortal();
    const { user, table } = await openMembers('/members?status=no-limit');
    for (const row of dataRows(table)) expect(cellsOf(row)[4]).toHaveTextContent('No limit');
    expect(screen.getByLabelText('Credit status')).toHaveValue('no-limit');

    await user.selectOptions(screen.getByLabelText('Role'), 'org_admin');
    await waitFor(() => expect(window.location.search).toContain('role=org_admin'));
    for (const row of dataRows(table)) {
      expect(cellsOf(row)[2]).toHaveTextContent('Administrator');
      expect(cellsOf(row)[4]).toHaveTextContent('No limit');
    }
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(table).toHaveAttribute('aria-rowcount', '301'));
  });

  it('selects rows with shift-click ranges and all matching members, rendered or not', async () => {
    resetPortal();
    const { user, table } = await openMembers();
    const rows = dataRows(table);
    await user.click(within(rows[1]!).getByRole('checkbox'));
    // user-event does not pass a held Shift on to the click event in jsdom.
    fireEvent.click(within(rows[4]!).getByRole('checkbox'), { shiftKey: true });
    expect(screen.getByRole('region', { name: 'Selection' })).toHaveTextContent('4 selected');
    await user.click(screen.getByRole('button', { name: 'Select all 300 matching' }));
    expect(screen.getByText(/300 selected/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect(screen.queryByText(/selected/)).not.toBeInTheDocument();
  });

  it('shows "—" and disables allocation while budgeting is off', async () => {
    resetPortal();
    getPortal().org.updateSettings({ creditAssignments: 'disabled' });
    const { table } = await openMembers();
    const cells = cellsOf(dataRows(table)[0]!);
    expect(cells[4]).toHaveTextContent('—');
    expect(cells[5]).toHaveTextContent('—');
    expect(cells[6]).toHaveTextContent('—');
    expect(screen.getByRole('button', { name: 'Set allocation…' })).toBeDisabled();
  });
});

describe('Member dialog', () => {
  it('opens from ?member= and validates the allocation', async () => {
    resetPortal();
    const { user } = await openMembers('/members?member=demo_member');
    const dialog = await screen.findByRole('dialog', { name: 'Sam Patel' });
    const input = within(dialog).getByLabelText('Allocation');
    const save = within(dialog).getByRole('button', { name: 'Save allocation' });

    await user.clear(input);
    await user.click(save);
    expect(
      await within(dialog).findByText('Enter a number of credits, or choose No limit.'),
    ).toBeInTheDocument();
    await user.type(input, '-5');
    await user.click(save);
    expect(await within(dialog).findByText(/can’t be negative/)).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, 'lots');
    await user.click(save);
    expect(await within(dialog).findByText(/Enter a number of credits/)).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, '99999999999');
    await user.click(save);
    expect(await within(dialog).findByText(/check the number/)).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, '1.2345');
    await user.click(save);
    expect(await within(dialog).findByText('Use at most 3 decimal places.')).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, '10');
    expect(within(dialog).getByText(/notebooks/i)).toBeInTheDocument();

    await user.click(within(dialog).getByLabelText('No limit'));
    expect(input).toBeDisabled();
    expect(within(dialog).getByText(/does not take back any credits/)).toBeInTheDocument();
  });

  it('says, before saving, that a new allocation starts "used" again from 0', async () => {
    resetPortal();
    const current = creditsOf('demo_member').assignedCredits;
    const { user } = await openMembers('/members?member=demo_member');
    const dialog = await screen.findByRole('dialog', { name: 'Sam Patel' });
    const field = within(dialog).getByLabelText('Allocation');
    const note =
      'A new allocation starts a new allocation period: “used” starts again from 0, so this member has their whole new allocation left.';
    // The current allocation, untouched: saving changes nothing, so no note.
    expect(field).toHaveValue(String(current));
    expect(within(dialog).queryByText(note)).not.toBeInTheDocument();
    await user.clear(field);
    await user.type(field, String(current + 25));
    // In the live region beside the other warnings, where the admin decides.
    const live = within(dialog)
      .getAllByRole('status')
      .find((r) => r.textContent?.includes(note));
    expect(live).toBeDefined();
    await user.click(within(dialog).getByLabelText('No limit'));
    expect(within(dialog).queryByText(note)).not.toBeInTheDocument();
  });

  it('changes the allocation at once, and the final value comes from the server', async () => {
    resetPortal();
    server.use(
      http.post(ASSIGN_URL, async ({ request }) => {
        await delay(300);
        return getPortal().app.fetch(request);
      }),
    );
    const { user } = await openMembers('/members?member=demo_member');
    const dialog = await screen.findByRole('dialog', { name: 'Sam Patel' });
    const input = within(dialog).getByLabelText('Allocation');
    await user.clear(input);
    await user.type(input, '50');
    await user.click(within(dialog).getByRole('button', { name: 'Save allocation' }));
    // Optimistic: the numbers change before the portal answers.
    expect(within(dialog).getByRole('button', { name: 'Saving…' })).toBeDisabled();
    expect(within(dialog).getByRole('definition', { name: /Allocated/ })).toHaveTextContent('50');

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(creditsOf('demo_member').assignedCredits).toBe(50);
    const table = screen.getByRole('table', { name: 'Members' });
    await user.type(screen.getByRole('searchbox', { name: 'Search members' }), 'demo_member');
    await waitFor(() => expect(cellsOf(dataRows(table)[0]!)[4]).toHaveTextContent('50'));
    expect(cellsOf(dataRows(table)[0]!)[6]).toHaveTextContent('50');
  });

  it('rolls back visibly and keeps the input when the portal fails', async () => {
    resetPortal();
    const before = creditsOf('demo_member').assignedCredits;
    server.use(
      http.post(ASSIGN_URL, () => HttpResponse.json({ error: { code: 500, message: 'Backend down' } })),
    );
    const { user } = await openMembers('/members?member=demo_member');
    const dialog = await screen.findByRole('dialog', { name: 'Sam Patel' });
    const allocated = within(dialog).getByRole('definition', { name: /Allocated/ });
    const shownBefore = allocated.textContent;
    const input = within(dialog).getByLabelText('Allocation');
    await user.clear(input);
    await user.type(input, '77');
    await user.click(within(dialog).getByRole('button', { name: 'Save allocation' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/allocation was not changed/);
    expect(allocated).toHaveTextContent(shownBefore);
    expect(input).toHaveValue('77');
    expect(creditsOf('demo_member').assignedCredits).toBe(before);
  });
});

describe('Bulk allocation', () => {
  it('previews grouped changes, applies them with progress, lists failures and retries', async () => {
    resetPortal();
    let failures = 1;
    server.use(
      http.post(ASSIGN_URL, ({ request }) => {
        if (failures > 0) {
          failures -= 1;
          return HttpResponse.json({ error: { code: 500, message: 'Backend down' } });
        }
        return getPortal().app.fetch(request);
      }),
    );
    const { user } = await openMembers('/members?status=no-limit&role=org_admin');
    await user.click(screen.getByRole('button', { name: /^Select all \d+ matching$/ }));
    await user.click(screen.getByRole('button', { name: 'Set allocation…' }));
    const dialog = await screen.findByRole('dialog', { name: /Set allocation for \d+ members/ });
    await user.type(within(dialog).getByLabelText('Allocation'), '40');
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    const groups = within(dialog).getByRole('list', { name: 'Changes to apply' });
    expect(groups).toHaveTextContent(/\d+ members?: No limit → 40/);
    await user.click(within(dialog).getByRole('button', { name: /Apply to \d+ members?/ }));
    expect(
      await within(dialog).findByRole('progressbar', { name: 'Applying allocations' }),
    ).toBeInTheDocument();
    const failed = await within(dialog).findByRole('region', { name: 'Members not updated' });
    expect(within(failed).getAllByRole('listitem').length).toBeGreaterThan(0);
    expect(failed).toHaveTextContent(/server had a problem/i);

    await user.click(within(dialog).getByRole('button', { name: /^Retry failed \(\d+\)$/ }));
    await waitFor(() =>
      expect(within(dialog).queryByRole('region', { name: 'Members not updated' })).not.toBeInTheDocument(),
    );
    expect(within(dialog).getByText(/members? updated\./)).toBeInTheDocument();
    expect(creditsOf('demo_admin').assignedCredits).toBe(40);
  });

  it('removes the limit of selected members (no limit, nothing taken back)', async () => {
    resetPortal();
    const before = creditsOf('demo_member').assignedCredits;
    const { user, table } = await openMembers('/members?q=demo_member');
    await user.click(within(table).getByRole('checkbox', { name: 'Select demo_member' }));
    await user.click(screen.getByRole('button', { name: 'Remove limit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove limit for 1 member' });
    expect(within(dialog).getByRole('list', { name: 'Changes to apply' })).toHaveTextContent(
      `1 member: ${before} → No limit`,
    );
    expect(within(dialog).getByText(/does not take back any credits/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Apply to 1 member' }));
    expect(await within(dialog).findByText('1 member updated.')).toBeInTheDocument();
    expect(creditsOf('demo_member').assignedCredits).toBe(-1);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(cellsOf(dataRows(table)[0]!)[4]).toHaveTextContent('No limit'));
    // Focus goes back to the button that opened the dialog, not to the page.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove limit' })).toHaveFocus());
  });
});

describe('Over-allocation warning', () => {
  function allocatedTotal() {
    const org = getPortal().org;
    return org.members.reduce((t, m) => {
      const c = org.memberCredits(m).assignedCredits;
      return c >= 0 ? t + c : t;
    }, 0);
  }

  it('warns, in a live region, only when this change takes the organization past its balance', async () => {
    resetPortal();
    const current = creditsOf('demo_member').assignedCredits;
    getPortal().org.setAvailableCredits(allocatedTotal() + 50);
    const { user } = await openMembers('/members?member=demo_member');
    const dialog = await screen.findByRole('dialog', { name: 'Sam Patel' });
    const field = within(dialog).getByLabelText('Allocation');
    await user.clear(field);
    await user.type(field, String(current + 10));
    expect(dialog).not.toHaveTextContent(/over-allocat/);
    await user.clear(field);
    await user.type(field, String(current + 100));
    await within(dialog).findByText(/This over-allocates the organization/);
    // Announced: the warning is inside a live region.
    const live = within(dialog).getAllByRole('status');
    expect(live.some((region) => /This over-allocates/.test(region.textContent ?? ''))).toBe(true);
    // Save and Cancel are still there, and the dialog has a named close button.
    expect(within(dialog).getByRole('button', { name: 'Save allocation' })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('says the organization is already over-allocated instead, when it was before this change', async () => {
    resetPortal();
    const current = creditsOf('demo_member').assignedCredits;
    getPortal().org.setAvailableCredits(Math.round(allocatedTotal() / 2.072));
    const { user } = await openMembers('/members?member=demo_member');
    const dialog = await screen.findByRole('dialog', { name: 'Sam Patel' });
    const field = within(dialog).getByLabelText('Allocation');
    await user.clear(field);
    await user.type(field, String(current + 1));
    expect(
      await within(dialog).findByText(
        /The organization is already over-allocated \(207\.\d%\); this adds 1 credit,/,
      ),
    ).toBeInTheDocument();
    expect(dialog).not.toHaveTextContent(/This over-allocates/);
    // Lowering an allocation never warns.
    await user.clear(field);
    await user.type(field, String(Math.max(0, current - 1)));
    expect(dialog).not.toHaveTextContent(/over-allocat/);
  });
});

describe('Bulk cancel', () => {
  it('stops after the batches in flight once confirmed, and lists the rest as not sent', async () => {
    resetPortal({ members: 1000 });
    server.use(
      http.post(ASSIGN_URL, async ({ request }) => {
        await delay(150);
        return getPortal().app.fetch(request);
      }),
    );
    const { user } = await openMembers();
    // Counts are grouped like every other number (1,003, not 1003).
    await user.click(screen.getByRole('button', { name: /^Select all \d{1,3}(,\d{3})+ matching$/ }));
    await user.click(screen.getByRole('button', { name: 'Set allocation…' }));
    const dialog = await screen.findByRole('dialog', { name: /Set allocation for/ });
    await user.type(within(dialog).getByLabelText('Allocation'), '33.5');
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    await user.click(within(dialog).getByRole('button', { name: /^Apply to/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel run…' }));
    const confirm = within(dialog).getByRole('alertdialog', { name: 'Stop this run?' });
    await user.click(within(confirm).getByRole('button', { name: 'Stop run' }));
    const failed = await within(dialog).findByRole(
      'region',
      { name: 'Members not updated' },
      { timeout: 10_000 },
    );
    expect(within(failed).getAllByRole('listitem')[0]).toHaveTextContent(/not sent/);
    expect(failed).not.toHaveTextContent(/failed/);
    // Stopping is the admin's choice, not a failure: a plain status, not a red alert.
    expect(within(dialog).getByText(/^Stopped: [\d,]+ applied, [\d,]+ not sent\.$/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    const outcome = within(dialog).getByRole('list', { name: 'Outcome' });
    expect(outcome).toHaveTextContent('Failed: 0');
    // What the portal did not get is exactly what the outcome calls "not sent".
    const notSent = Number(/Not sent: ([\d,]+)/.exec(outcome.textContent ?? '')?.[1]?.replace(/,/g, ''));
    const org = getPortal().org;
    const untouched = org.members.filter((m) => org.memberCredits(m).assignedCredits !== 33.5).length;
    expect(notSent).toBeGreaterThan(0);
    expect(untouched).toBe(notSent);
    expect(within(dialog).getByRole('button', { name: `Send not sent (${notSent})` })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getByRole('button', { name: 'Set allocation…' })).toHaveFocus());
  });
});

describe('Budgeting off', () => {
  it('keeps the member dialog read-only and says why', async () => {
    resetPortal();
    getPortal().org.updateSettings({ creditAssignments: 'disabled' });
    await openMembers('/members?member=demo_member');
    const dialog = await screen.findByRole('dialog', { name: 'Sam Patel' });
    expect(within(dialog).getByText(/budgeting is off/)).toBeInTheDocument();
    expect(within(dialog).queryByLabelText('Allocation')).not.toBeInTheDocument();
    expect(within(dialog).getByRole('definition', { name: 'Allocated' })).toHaveTextContent('—');
  });
});

describe('Import: files that cannot be used', () => {
  async function openImport() {
    const view = await openMembers('/members');
    await view.user.click(screen.getByRole('button', { name: 'Import CSV' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import allocations' });
    return { ...view, dialog, field: within(dialog).getByLabelText('CSV file') };
  }

  it('says in one message which columns a file without the header lacks, not a problem per row', async () => {
    resetPortal();
    const { user, dialog, field } = await openImport();
    await user.upload(field, new File(['demo_member,50\ndemo_admin,20\n'], 'a.csv', { type: 'text/csv' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(/^This file has no “username” and “credits” columns\./);
    expect(alert).toHaveTextContent('Its first row is: “demo_member, 50”.');
    expect(within(dialog).queryByRole('region', { name: 'Rows with problems' })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: /^Apply/ })).not.toBeInTheDocument();
    expect(dialog).not.toHaveTextContent(/Nothing to change/);
  });

  it('in presentation mode, does not quote the first row (it may name a member)', async () => {
    resetPortal();
    setPresentationMode(true);
    try {
      const { user, dialog, field } = await openImport();
      await user.upload(field, new File(['demo_member,50\n'], 'a.csv', { type: 'text/csv' }));
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(
        /no “username” and “credits” columns/,
      );
      expect(dialog).not.toHaveTextContent(/demo_member/);
    } finally {
      setPresentationMode(false);
    }
  });

  it('says an image is not a CSV file and an empty file is empty', async () => {
    resetPortal();
    const { dialog, field } = await openImport();
    // The file picker's filter is only a hint: "All files" lets anything through.
    const user = userEvent.setup({ applyAccept: false });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    await user.upload(field, new File([png], 'chart.png', { type: 'image/png' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/^This isn’t a CSV file/);
    await user.upload(field, new File([''], 'empty.csv', { type: 'text/csv' }));
    expect(await within(dialog).findByText(/^The file is empty\./)).toBeInTheDocument();
    expect(within(dialog).getAllByRole('alert')).toHaveLength(1);
  });
});

describe('Presentation mode', () => {
  it('puts no real username or email anywhere in the DOM, attributes included, with a dialog open', async () => {
    resetPortal();
    setPresentationMode(true);
    try {
      const { user, table } = await openMembers();
      const first = within(table).getAllByRole('button', { name: /^Member \d{4} member\d{4}$/ })[0]!;
      await user.click(first);
      const dialog = await screen.findByRole('dialog', { name: /^Member \d{4}$/ });
      expect(dialog).toBeInTheDocument();
      const html = document.body.innerHTML.toLowerCase();
      const leaks = getPortal()
        .org.members.flatMap((m) => [m.username, m.email])
        .filter((value): value is string => !!value && html.includes(value.toLowerCase()));
      expect(leaks).toEqual([]);
      // Closing puts focus back on the member's row, found without any attribute naming them.
      await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
      await waitFor(() => expect(first).toHaveFocus());
    } finally {
      setPresentationMode(false);
    }
  });

  it('masks names and emails in the table and the dialog', async () => {
    resetPortal();
    setPresentationMode(true);
    try {
      // Search matches only what is on screen: the alias, never the real username.
      const alias = maskPerson({ username: 'demo_member' }).displayUsername;
      const { user, table } = await openMembers(`/members?q=${alias}`);
      expect(within(table).queryByText('Sam Patel')).not.toBeInTheDocument();
      expect(within(table).queryByText(/riverbend/)).not.toBeInTheDocument();
      await user.click(
        within(table).getAllByRole('button', { name: new RegExp(`^Member \\d{4} ${alias}$`) })[0]!,
      );
      expect(await screen.findByRole('dialog', { name: /^Member \d{4}$/ })).toBeInTheDocument();
      expect(new URLSearchParams(window.location.search).has('member')).toBe(false);
    } finally {
      setPresentationMode(false);
    }
  });

  it('searches only what is shown: real names, usernames and emails find nobody', async () => {
    resetPortal();
    setPresentationMode(true);
    try {
      const { user } = await openMembers();
      const search = screen.getByRole('searchbox', { name: 'Search members' });
      for (const real of ['demo_member', 'sam patel', 'patel sam', 'riverbend']) {
        await user.clear(search);
        await user.type(search, real);
        expect(
          await screen.findByText('No members match this search and these filters.'),
        ).toBeInTheDocument();
      }
      const alias = maskPerson({ username: 'demo_member' });
      await user.clear(search);
      await user.type(search, `${alias.displayUsername.slice(-4)} member`);
      const found = await screen.findByRole('table', { name: 'Members' });
      expect(
        within(found).getAllByRole('button', { name: new RegExp(alias.fullName) }).length,
      ).toBeGreaterThan(0);
    } finally {
      setPresentationMode(false);
    }
  });
});
