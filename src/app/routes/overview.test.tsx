import { configure, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { renderApp } from '../../../tests/render';
import { requestParams } from '../../../tests/request-params';
import { getPortal, PORTAL_URL, resetPortal, server } from '../../../tests/server';

const REST = `${PORTAL_URL}/sharing/rest`;
const credits = (n: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 }).format(n);

/** portals/self as the demo portal answers it, with some fields replaced. */
function overrideSelf(patch: Record<string, unknown>) {
  server.use(
    http.all(`${REST}/portals/self`, async ({ request }) => {
      const real = (await (await getPortal().app.fetch(request)).json()) as Record<string, unknown>;
      return HttpResponse.json({ ...real, ...patch });
    }),
  );
}

// The member index and the usage come from an in-process org; leave room on a busy machine.
configure({ asyncUtilTimeout: 5000 });

// Every test starts from the seeded org (budgeting on, default 100).
beforeEach(() => resetPortal());

const serverError = () =>
  HttpResponse.json({ error: { code: 500, message: 'Internal server error.', details: [] } });

async function openOverview(options: Parameters<typeof renderApp>[0] = {}) {
  const view = renderApp({ route: '/', ...options });
  // Generous timeouts: each test signs in to a freshly seeded org.
  expect(
    await screen.findByRole('heading', { name: 'Overview', level: 1 }, { timeout: 10_000 }),
  ).toBeInTheDocument();
  await screen.findByRole('region', { name: 'Available credits' }, { timeout: 10_000 });
  return view;
}

describe('Overview', () => {
  it('shows the balance, the subscription, budgeting, the default, the summary and the forecast', async () => {
    await openOverview();
    const headline = screen.getByRole('region', { name: 'Available credits' });
    expect(within(headline).getByText(credits(getPortal().org.availableCredits))).toBeInTheDocument();
    expect(within(headline).getByText('Annual Subscription')).toBeInTheDocument();
    expect(within(headline).getByText('Active')).toBeInTheDocument();

    expect(screen.getByRole('switch', { name: 'Credit budgeting' })).toBeChecked();
    expect(screen.getByLabelText('Default allocation for new members')).toHaveValue('100');

    const summary = screen.getByRole('region', { name: 'Allocations' });
    expect(await within(summary).findByText(/Across all 300 members/)).toBeInTheDocument();
    for (const [name, filter] of [
      [/capped$/, 'capped'],
      [/no limit$/, 'no-limit'],
      [/at risk$/, 'at-risk'],
      [/exhausted$/, 'exhausted'],
    ] as const) {
      expect(within(summary).getByRole('link', { name })).toHaveAttribute(
        'href',
        `/members?status=${filter}`,
      );
    }
    expect(within(summary).getByText(/credits allocated/)).toBeInTheDocument();

    const forecast = screen.getByRole('region', { name: 'Burn rate and forecast' });
    expect(
      await within(forecast).findByText(/^At the last 30 days' pace, credits run out around/),
    ).toBeInTheDocument();
    expect(within(forecast).getByText('Last 7 days')).toBeInTheDocument();
    expect(
      await within(forecast).findByRole('img', { name: /Daily credit spend/ }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(within(forecast).getAllByRole('row')).toHaveLength(31); // the chart's data-table alternative
  });

  it('shows progress while the members and the usage load', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = async ({ request }: { request: Request }) => {
      await gate;
      return getPortal().app.fetch(request);
    };
    server.use(http.all(`${REST}/portals/self/users`, held), http.all(`${REST}/portals/self/usage`, held));
    await openOverview();
    const summary = screen.getByRole('region', { name: 'Allocations' });
    expect(within(summary).getByRole('progressbar', { name: 'Loading members' })).toBeInTheDocument();
    const forecast = screen.getByRole('region', { name: 'Burn rate and forecast' });
    expect(within(forecast).getByRole('status', { name: 'Loading credit usage' })).toBeInTheDocument();
    release();
    expect(await within(summary).findByText(/Across all 300 members/)).toBeInTheDocument();
    expect(await within(forecast).findByText(/At the last 30 days' pace/)).toBeInTheDocument();
  });

  it('keeps the what-if and the allocations file waiting until every member is in', async () => {
    resetPortal({ members: 2500 });
    // 2,000 members in, the rest held back: the summary shows those, marked partial.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server.use(
      http.all(`${REST}/portals/self/users`, async ({ request }) => {
        if (Number((await requestParams(request)).get('start') ?? '1') > 2000) await gate;
        return getPortal().app.fetch(request);
      }),
    );
    const { user } = await openOverview();
    await user.click(screen.getByRole('switch', { name: 'Credit budgeting' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn off credit budgeting?' });
    expect(await within(dialog).findByText('Loading members: 2,000 of 2,500')).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: /Download allocations/ })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await user.click(screen.getByRole('button', { name: 'Try a what-if' }));
    const panel = await screen.findByRole('region', { name: /^What-if$/ });
    expect(
      await within(panel).findByRole('status', { name: 'Loading every member: 2,000 of 2,500' }),
    ).toBeInTheDocument();
    expect(within(panel).getByText('Loading every member: 2,000 of 2,500…')).toBeInTheDocument();
    expect(within(panel).queryByText(/^Run-out:/)).not.toBeInTheDocument();

    release();
    expect(await within(panel).findByText(/^Run-out:/, {}, { timeout: 15_000 })).toBeInTheDocument();
    await user.click(screen.getByRole('switch', { name: 'Credit budgeting' }));
    const again = await screen.findByRole('dialog', { name: 'Turn off credit budgeting?' });
    expect(await within(again).findByText(/for all 2,500 members/)).toBeInTheDocument();
  });

  it('shows errors inside the panels that failed, with a retry that works', async () => {
    let failing = true;
    const failWhile = async ({ request }: { request: Request }) =>
      failing ? serverError() : getPortal().app.fetch(request);
    server.use(
      http.all(`${REST}/portals/self/usage`, failWhile),
      http.all(`${REST}/portals/self/users`, failWhile),
    );
    const { user } = await openOverview();

    const forecast = screen.getByRole('region', { name: 'Burn rate and forecast' });
    expect(await within(forecast).findByRole('alert')).toHaveTextContent('Credit usage could not be loaded');
    const summary = screen.getByRole('region', { name: 'Allocations' });
    expect(await within(summary).findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent(
      /The server had a problem \(500\)/,
    );
    // The rest of the page is still there.
    expect(screen.getByRole('switch', { name: 'Credit budgeting' })).toBeInTheDocument();

    failing = false;
    await user.click(within(forecast).getByRole('button', { name: 'Try again' }));
    expect(await within(forecast).findByText(/At the last 30 days' pace/)).toBeInTheDocument();
    await user.click(within(summary).getByRole('button', { name: 'Try again' }));
    expect(await within(summary).findByText(/Across all 300 members/)).toBeInTheDocument();
  });

  it('says budgeting is off instead of showing zeros, and turns it on after a confirmation', async () => {
    getPortal().org.updateSettings({ creditAssignments: 'disabled' });
    const { user } = await openOverview();
    const toggle = screen.getByRole('switch', { name: 'Credit budgeting' });
    expect(toggle).not.toBeChecked();
    const summary = screen.getByRole('region', { name: 'Allocations' });
    expect(within(summary).getByText(/Credit budgeting is off/)).toBeInTheDocument();
    expect(within(summary).queryByRole('link')).not.toBeInTheDocument();

    await user.click(toggle);
    const dialog = await screen.findByRole('dialog', { name: 'Turn on credit budgeting?' });
    expect(dialog).toHaveTextContent(/allocations start to apply/);
    // Members are limited to their allocation; whether they see it is an ArcGIS Online setting.
    expect(dialog).toHaveTextContent(/can spend only up to it/);
    expect(dialog).toHaveTextContent(/separate organization setting in ArcGIS Online/);
    expect(dialog).not.toHaveTextContent(/Members see their allocation/);
    expect(toggle).not.toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Turn on budgeting' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(getPortal().org.budgetingEnabled).toBe(true);
    expect(screen.getByRole('switch', { name: 'Credit budgeting' })).toBeChecked();
    // Focus goes back to the switch that opened the confirmation, not to the page.
    await waitFor(() => expect(screen.getByRole('switch', { name: 'Credit budgeting' })).toHaveFocus());
    expect(await within(summary).findByText(/Across all 300 members/)).toBeInTheDocument();
  });

  it('turns budgeting off after a confirmation that offers the allocations first', async () => {
    const { user } = await openOverview();
    await user.click(screen.getByRole('switch', { name: 'Credit budgeting' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn off credit budgeting?' });
    expect(dialog).toHaveTextContent(/Member limits stop applying/);
    expect(
      await within(dialog).findByRole('button', { name: 'Download allocations (CSV)' }),
    ).toBeInTheDocument();
    expect(within(dialog).getByText(/for all 300 members/)).toBeInTheDocument();

    // A server failure keeps the dialog open and says why; the state is unchanged.
    server.use(http.post(`${REST}/portals/self/update`, serverError));
    await user.click(within(dialog).getByRole('button', { name: 'Turn off budgeting' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Budgeting was not turned off. The server had a problem (500)',
    );
    expect(screen.getByRole('switch', { name: 'Credit budgeting', hidden: true })).toBeChecked();

    server.resetHandlers();
    await user.click(within(dialog).getByRole('button', { name: 'Turn off budgeting' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(getPortal().org.budgetingEnabled).toBe(false);
    expect(screen.getByRole('switch', { name: 'Credit budgeting' })).not.toBeChecked();
    expect(screen.getByRole('region', { name: 'Allocations' })).toHaveTextContent(/Credit budgeting is off/);
    await waitFor(() => expect(screen.getByRole('switch', { name: 'Credit budgeting' })).toHaveFocus());
  });

  it('shows a negative balance as negative, says what it means and refuses to turn budgeting on', async () => {
    overrideSelf({ availableCredits: -250.5, creditAssignments: 'disabled' });
    const { user } = await openOverview();
    const headline = screen.getByRole('region', { name: 'Available credits' });
    expect(within(headline).getByText(credits(-250.5))).toBeInTheDocument();
    expect(
      within(headline).getByText(/The organization has used more credits than it has/),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('switch', { name: 'Credit budgeting' }));
    const dialog = await screen.findByRole('dialog', { name: 'Credit budgeting can’t be turned on' });
    expect(dialog).toHaveTextContent(/more than zero/);
    expect(within(dialog).queryByRole('button', { name: 'Turn on budgeting' })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.getByRole('switch', { name: 'Credit budgeting' })).not.toBeChecked();
    await waitFor(() => expect(screen.getByRole('switch', { name: 'Credit budgeting' })).toHaveFocus());
  });

  it('refuses to turn budgeting on at a balance of exactly 0', async () => {
    getPortal().org.updateSettings({ creditAssignments: 'disabled' });
    getPortal().org.setAvailableCredits(0);
    const { user } = await openOverview();
    expect(
      screen.getByText(/can’t be turned on while the organization’s balance is zero or less/),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('switch', { name: 'Credit budgeting' }));
    const dialog = await screen.findByRole('dialog', { name: 'Credit budgeting can’t be turned on' });
    expect(within(dialog).queryByRole('button', { name: 'Turn on budgeting' })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(getPortal().org.budgetingEnabled).toBe(false);
  });

  it('names a balance at or below zero Restricted and measures over-allocation from the negative balance', async () => {
    getPortal().org.setAvailableCredits(-250.5);
    await openOverview();
    const headline = screen.getByRole('region', { name: 'Available credits' });
    expect(within(headline).getByText('Restricted', { exact: false, selector: 'dd' })).toBeInTheDocument();
    const summary = screen.getByRole('region', { name: 'Allocations' });
    const warning = await within(summary).findByText(/Over-allocated: allocations exceed the balance by/);
    const [, shown = ''] = /([\d.,]+)\s*credits allocated/.exec(summary.textContent ?? '') ?? [];
    const allocated = Number(shown.replace(/,/g, ''));
    expect(allocated).toBeGreaterThan(0);
    expect(warning).toHaveTextContent(`exceed the balance by ${credits(allocated + 250.5)} credits`);
  });

  it('warns when allocations exceed the balance', async () => {
    getPortal().org.setAvailableCredits(50);
    await openOverview();
    const summary = screen.getByRole('region', { name: 'Allocations' });
    expect(
      await within(summary).findByText(/Over-allocated: allocations exceed the balance/),
    ).toBeInTheDocument();
    expect(within(summary).getByText(/caps, not reservations/)).toBeInTheDocument();
  });
});

describe('Default allocation for new members', () => {
  it('explains what is wrong with empty, negative, non-numeric, too large and too precise input', async () => {
    const { user } = await openOverview();
    const field = screen.getByLabelText('Default allocation for new members');
    const save = screen.getByRole('button', { name: 'Save default' });
    expect(screen.getByText(/Applies only to members who join later/)).toBeInTheDocument();

    const cases: [string, RegExp][] = [
      ['', /Enter a number of credits, or choose No limit/],
      ['-5', /can’t be negative/],
      ['-0', /can’t be negative/],
      ['1,5', /a point for decimals/],
      ['abc', /Enter a number of credits, such as 100/],
      ['1e12', /Enter a number of credits, such as 100/],
      ['500000000', /check the number/],
      ['12.3456', /at most 3 decimal places/],
    ];
    for (const [input, message] of cases) {
      await user.clear(field);
      if (input) await user.type(field, input);
      await user.click(save);
      expect(await screen.findByText(message)).toBeInTheDocument();
      expect(field).toHaveAttribute('aria-invalid', 'true');
      expect(field).toHaveValue(input);
    }
    expect(getPortal().org.orgSettings.defaultUserCreditAssignment).toBe(100);
  });

  it('saves 0 as 0, 3 decimals and No limit, showing the server’s value each time', async () => {
    const { user } = await openOverview();
    const field = screen.getByLabelText('Default allocation for new members');
    const defaults = screen.getByRole('region', { name: 'New members' });

    await user.clear(field);
    await user.type(field, '0');
    await user.click(screen.getByRole('button', { name: 'Save default' }));
    expect(await screen.findByText('Saved. Members who join from now on get 0 credits.')).toBeInTheDocument();
    expect(getPortal().org.orgSettings.defaultUserCreditAssignment).toBe(0);
    expect(field).toHaveValue('0');
    expect(within(defaults).getByText('0 credits')).toBeInTheDocument();

    await user.clear(field);
    await user.type(field, '12.345');
    await user.click(screen.getByRole('button', { name: 'Save default' }));
    expect(
      await screen.findByText(/Saved\. Members who join from now on get 12[.,]345 credits\./),
    ).toBeInTheDocument();
    expect(getPortal().org.orgSettings.defaultUserCreditAssignment).toBe(12.345);

    // No limit turns the amount off; switching back finds the number as it was typed.
    await user.click(screen.getByRole('radio', { name: 'No limit' }));
    expect(field).toBeDisabled();
    await user.click(screen.getByRole('radio', { name: 'A set number of credits' }));
    expect(field).toBeEnabled();
    expect(field).toHaveValue('12.345');
    await user.click(screen.getByRole('radio', { name: 'No limit' }));
    await user.click(screen.getByRole('button', { name: 'Save default' }));
    expect(await screen.findByText('Saved. Members who join from now on have no limit.')).toBeInTheDocument();
    expect(getPortal().org.orgSettings.defaultUserCreditAssignment).toBe(-1);
    expect(within(defaults).getByText('No limit', { selector: 'strong' })).toBeInTheDocument();
    expect(within(defaults).queryByText('-1')).not.toBeInTheDocument();
  });

  it('reads thousands written with a space or a comma the same way, and saves them', async () => {
    const { user } = await openOverview();
    const field = screen.getByLabelText('Default allocation for new members');
    for (const [typed, value] of [
      ['1 000', 1000],
      ['2,500.5', 2500.5],
    ] as const) {
      await user.clear(field);
      await user.type(field, typed);
      await user.click(screen.getByRole('button', { name: 'Save default' }));
      expect(await screen.findByText(/Saved\. Members who join from now on get/)).toBeInTheDocument();
      expect(getPortal().org.orgSettings.defaultUserCreditAssignment).toBe(value);
    }
  });

  it('keeps the input and shows the server’s error when saving fails', async () => {
    server.use(http.post(`${REST}/portals/self/update`, serverError));
    const { user } = await openOverview();
    const field = screen.getByLabelText('Default allocation for new members');
    await user.clear(field);
    await user.type(field, '250');
    await user.click(screen.getByRole('button', { name: 'Save default' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The default allocation was not saved. The server had a problem (500)',
    );
    expect(field).toHaveValue('250');
    expect(getPortal().org.orgSettings.defaultUserCreditAssignment).toBe(100);
  });
});
