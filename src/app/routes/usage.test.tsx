import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { renderApp } from '../../../tests/render';
import { QueryClient } from '@tanstack/react-query';
import { createArcGISClient } from '@/lib/arcgis/request';
import { overviewQueries } from '@/features/overview/api/overview-queries';
import { getPortal, issueToken, PORTAL_URL, server } from '../../../tests/server';
import { requestParams } from '../../../tests/request-params';

/** The first render loads the route chunk, the demo org and the usage: allow for a cold start. */
const SLOW = { timeout: 10_000 };

const USAGE_URL = `${PORTAL_URL}/sharing/rest/portals/self/usage`;

async function pageTotal(): Promise<string> {
  const group = await screen.findByRole('group', { name: /Total credits used/ });
  return within(group).getByText(/^[\d.,\s\u00a0\u202f]+$/).textContent ?? '';
}

async function showTable(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Show as table' }));
  return screen.getByRole('table', { name: /Credits|credits/ });
}

function tableTotal(table: HTMLElement): string {
  // The last row is the footer: "Total" then one cell per service, then the grand total.
  const totalRow = within(table).getAllByRole('row').at(-1);
  if (!totalRow) throw new Error('no total row');
  expect(within(totalRow).getByRole('rowheader')).toHaveTextContent('Total');
  const cells = within(totalRow).getAllByRole('cell');
  return cells[cells.length - 1]?.textContent ?? '';
}

describe('Usage page', () => {
  it('shows credits by service with an accessible chart, a matching table and per-service totals', async () => {
    const { user } = renderApp({ route: '/usage' });
    expect(await screen.findByRole('heading', { name: 'Usage', level: 1 }, SLOW)).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: '30 d' }, SLOW)).toHaveAttribute('aria-pressed', 'true');
    const chart = await screen.findByRole(
      'img',
      { name: /Credits by service type, daily, Last 30 days/ },
      SLOW,
    );
    const total = await pageTotal();
    expect(chart).toHaveAccessibleName(expect.stringContaining(`${total} credits in total`));
    expect(screen.getByRole('list', { name: 'Credits by service type' })).toHaveTextContent('Geocoding');

    const table = await showTable(user);
    expect(tableTotal(table)).toBe(total);
    // 30 days of daily buckets (the first one starts at midnight UTC).
    expect(within(table).getAllByRole('row').length).toBeGreaterThanOrEqual(30 + 2);
    await user.click(screen.getByRole('button', { name: 'Show as chart' }));
    expect(screen.getByRole('img', { name: /Credits by service type/ })).toBeInTheDocument();
  });

  it('takes "Last 30 days" as the 30 whole days the Overview’s burn rate covers, with the same total', async () => {
    const { user } = renderApp({ route: '/usage' });
    await screen.findByRole('img', { name: /daily, Last 30 days/ }, SLOW);
    const total = await pageTotal();
    const table = await showTable(user);
    // Header row, 30 whole days, total row.
    expect(within(table).getAllByRole('row')).toHaveLength(30 + 2);

    // The Overview's 30-day burn, as its query computes it from the same portal.
    const token = issueToken('demo_admin');
    const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
    const burn = await new QueryClient().fetchQuery(overviewQueries.burn(client, getPortal().org.now()));
    const burnTotal = burn.daily.reduce((sum, d) => sum + d.credits, 0);
    expect(total).toBe(new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 }).format(burnTotal));
  });

  it('switches presets and changes the bucket size with the range, keeping it in the URL', async () => {
    const { user } = renderApp({ route: '/usage' });
    await screen.findByRole('img', { name: /Last 30 days/ }, SLOW);
    await user.click(screen.getByRole('button', { name: '7 d' }));
    expect(await screen.findByRole('img', { name: /daily, Last 7 days/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '7 d' })).toHaveAttribute('aria-pressed', 'true');
    expect(window.location.search).toContain('range=7d');

    await user.click(screen.getByRole('button', { name: '12 mo' }));
    expect(await screen.findByRole('img', { name: /weekly, Last 12 months/ })).toBeInTheDocument();
    const table = await showTable(user);
    expect(tableTotal(table)).toBe(await pageTotal());
    expect(within(table).getAllByRole('row').length).toBeGreaterThanOrEqual(52 + 2);
  });

  it('filters a service: only its column, its total, and the top consumers for it', async () => {
    const { user } = renderApp({ route: '/usage?range=90d' });
    const totals = await screen.findByRole('list', { name: 'Credits by service type' }, SLOW);
    const geocodeItem = within(totals)
      .getAllByRole('listitem')
      .find((li) => within(li).queryByText('Geocoding'));
    if (!geocodeItem) throw new Error('no Geocoding total');
    const geocodeTotal = within(geocodeItem).getByText(/^[\d.,\s\u00a0\u202f]+$/).textContent;

    await user.selectOptions(screen.getByLabelText('Service'), 'Geocoding');
    expect(window.location.search).toContain('service=geocode');
    expect(await screen.findByRole('group', { name: 'Total credits used (Geocoding)' })).toBeInTheDocument();
    expect(await pageTotal()).toBe(geocodeTotal);
    const table = await showTable(user);
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Period', 'Geocoding', 'Total']);
    expect(tableTotal(table)).toBe(geocodeTotal);
    expect(await screen.findByText(/share of .* credits \(Geocoding\)/)).toBeInTheDocument();
  });

  it('validates a custom range next to the fields and applies a valid one', async () => {
    const { user } = renderApp({ route: '/usage' });
    await screen.findByRole('img', { name: /Last 30 days/ }, SLOW);
    await user.click(screen.getByRole('button', { name: 'Custom…' }));
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');

    await user.clear(from);
    await user.type(from, '2099-01-01');
    await user.click(screen.getByRole('button', { name: 'Apply range' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('From can’t be in the future.');
    expect(from).toHaveAttribute('aria-invalid', 'true');
    expect(from).toHaveAccessibleDescription('From can’t be in the future.');

    const today = new Date();
    const ago = (days: number) => new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
    await user.clear(from);
    await user.type(from, ago(500));
    await user.click(screen.getByRole('button', { name: 'Apply range' }));
    expect(await screen.findByText('From can be at most one year back.')).toBeInTheDocument();

    await user.clear(from);
    await user.type(from, ago(10));
    await user.clear(to);
    await user.type(to, ago(20));
    await user.click(screen.getByRole('button', { name: 'Apply range' }));
    expect(await screen.findByText('To must be on or after From.')).toBeInTheDocument();

    await user.clear(to);
    await user.type(to, ago(3));
    await user.click(screen.getByRole('button', { name: 'Apply range' }));
    // A custom range is named by its dates (e.g. "Nov 15, 2026 – Nov 22, 2026").
    expect(await screen.findByRole('img', { name: /daily, .+ – .+: / })).toBeInTheDocument();
    expect(screen.queryByLabelText('From')).not.toBeInTheDocument();
    expect(window.location.search).toContain(`from=${ago(10)}`);
    expect(screen.getByRole('button', { name: 'Custom…' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('opens a top consumer on the Members page', async () => {
    const { user } = renderApp({ route: '/usage?range=7d' });
    const panel = await screen.findByRole('region', { name: 'Top consumers' }, SLOW);
    const table = await within(panel).findByRole('table', { name: /Top consumers/ }, SLOW);
    // Consumers are shown by name (once the member index is in; a username holds no space).
    const first = within(table).getAllByRole('link')[0]!;
    await waitFor(() => expect(first).toHaveTextContent(/^\S+ \S/), SLOW);
    const name = first.textContent ?? '';
    expect(within(table).getAllByRole('row').length).toBeLessThanOrEqual(11);
    await user.click(first);
    // The Members page opens with that member's dialog.
    expect(await screen.findByRole('dialog', { name }, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Members', level: 1, hidden: true })).toBeInTheDocument();
    const username = new URLSearchParams(window.location.search).get('member') ?? '';
    expect(getPortal().org.findMember(username)?.fullName).toBe(name);
  });

  it('says so when no credits were used in the range', async () => {
    server.use(
      http.all(USAGE_URL, () => HttpResponse.json({ startTime: 1, endTime: 2, period: '1d', data: [] })),
    );
    renderApp({ route: '/usage' });
    expect(await screen.findByText('No credits were used in this period.', {}, SLOW)).toBeInTheDocument();
    expect(await screen.findByText('No member used credits in this period.')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('shows a failed usage call in its panel with a retry while top consumers still load', async () => {
    let fail = true;
    server.use(
      http.all(USAGE_URL, async ({ request }) => {
        const groupby = (await requestParams(request)).get('groupby') ?? '';
        if (fail && groupby.includes('stype'))
          return HttpResponse.json({ error: { code: 500, message: 'Usage is down.', details: [] } });
        return undefined;
      }),
    );
    const { user } = renderApp({ route: '/usage' });
    const chartPanel = await screen.findByRole('region', { name: 'Credits over time' }, SLOW);
    expect(await within(chartPanel).findByRole('alert', {}, SLOW)).toHaveTextContent(
      'Credit usage could not be loaded',
    );
    // The other panel still works.
    expect(await screen.findByRole('table', { name: /Top consumers/ }, SLOW)).toBeInTheDocument();
    fail = false;
    await user.click(within(chartPanel).getByRole('button', { name: 'Try again' }));
    expect(
      await within(chartPanel).findByRole('img', { name: /Credits by service type/ }),
    ).toBeInTheDocument();
  });

  it('keeps the chart when top consumers fail', async () => {
    server.use(
      http.all(USAGE_URL, async ({ request }) => {
        const groupby = (await requestParams(request)).get('groupby') ?? '';
        if (groupby.includes('username'))
          return HttpResponse.json({ error: { code: 503, message: 'Busy.', details: [] } });
        return undefined;
      }),
    );
    renderApp({ route: '/usage' });
    const top = await screen.findByRole('region', { name: 'Top consumers' }, SLOW);
    expect(await within(top).findByRole('alert', {}, SLOW)).toHaveTextContent(
      'Top consumers could not be loaded',
    );
    expect(await screen.findByRole('img', { name: /Credits by service type/ }, SLOW)).toBeInTheDocument();
  });
});
