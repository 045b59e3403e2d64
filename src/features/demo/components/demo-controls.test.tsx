import { act, configure, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setPresentationMode } from '@/lib/presentation';
import { renderApp } from '../../../../tests/render';
import { getPortal, PORTAL_URL, server } from '../../../../tests/server';

configure({ asyncUtilTimeout: 8000 });

const credits = (n: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 }).format(n);

afterEach(() => {
  // Module state shared by the tests of this file.
  act(() => setPresentationMode(false));
});

async function openDemoPanel(options: Parameters<typeof renderApp>[0] = {}) {
  const view = renderApp({ route: '/', ...options });
  await screen.findByRole('heading', { name: 'Overview', level: 1 }, { timeout: 10_000 });
  // Found before the (modal) panel opens and hides the page from the accessibility tree.
  const headline = await screen.findByRole('region', { name: 'Available credits' }, { timeout: 10_000 });
  await view.user.click(await screen.findByRole('button', { name: /^Demo/ }, { timeout: 10_000 }));
  const panel = await screen.findByRole('dialog', { name: 'Demo controls' });
  return { ...view, panel, headline };
}

describe('Demo controls', () => {
  it('advances the clock: the date moves and the Overview balance falls without a reload', async () => {
    const { user, panel, headline } = await openDemoPanel();
    const before = getPortal().org.availableCredits;
    await within(headline).findByText(credits(before));

    await user.click(within(panel).getByRole('button', { name: '+30 days' }));
    expect(
      await within(panel).findByText(/Moved 30 days ahead/, {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(within(panel).getByText(/today \+ 30 days/)).toBeInTheDocument();

    const after = getPortal().org.availableCredits;
    expect(after).toBeLessThan(before);
    await waitFor(() => expect(within(headline).getByText(credits(after))).toBeInTheDocument());
    expect(within(panel).getByText(`${credits(after)} credits`)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Demo \+30 d/, hidden: true })).toBeInTheDocument();
  }, 40_000);

  it('adds a member with the default allocation, masked in presentation mode', async () => {
    const { user, panel } = await openDemoPanel();
    const members = getPortal().org.members.length;
    await user.type(within(panel).getByLabelText('Full name (optional)'), 'Ada Lovelace');
    await user.click(within(panel).getByRole('button', { name: 'Add a member' }));
    expect(
      await within(panel).findByText(
        /Added Ada Lovelace \(\w+\) with an allocation of/,
        {},
        { timeout: 15_000 },
      ),
    ).toHaveTextContent('100 credits');
    expect(getPortal().org.members).toHaveLength(members + 1);
    expect(within(panel).getByText(new Intl.NumberFormat().format(members + 1))).toBeInTheDocument();

    act(() => setPresentationMode(true));
    await waitFor(() => expect(within(panel).queryByText(/Ada Lovelace/)).not.toBeInTheDocument());
    expect(within(panel).getByText(/Added Member \d{4} \(member\d{4}\)/)).toBeInTheDocument();
  }, 40_000);

  it('says why an invalid name is refused, next to the field', async () => {
    const { user, panel } = await openDemoPanel();
    await user.type(within(panel).getByLabelText('Full name (optional)'), 'Cher');
    await user.click(within(panel).getByRole('button', { name: 'Add a member' }));
    expect(
      await within(panel).findByText('Enter a first and a last name, or leave it empty.'),
    ).toBeInTheDocument();
    expect(within(panel).getByLabelText('Full name (optional)')).toHaveAttribute('aria-invalid', 'true');
  }, 30_000);

  it('resets the organization only after a confirmation', async () => {
    getPortal().org.advanceDays(7);
    const { user, panel } = await openDemoPanel();
    expect(within(panel).getByText(/today \+ 7 days/)).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Reset the demo organization…' }));
    let confirm = await screen.findByRole('dialog', { name: 'Reset the demo organization?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(getPortal().org.advancedDays).toBe(7);

    await user.click(within(panel).getByRole('button', { name: 'Reset the demo organization…' }));
    confirm = await screen.findByRole('dialog', { name: 'Reset the demo organization?' });
    await user.click(within(confirm).getByRole('button', { name: 'Reset organization' }));
    expect(
      await within(panel).findByText('The demo organization is back to its seed.', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(getPortal().org.advancedDays).toBe(0);
    expect(within(panel).getByText(/\(today\)/)).toBeInTheDocument();
  }, 40_000);

  it('shows a failed action next to it and changes nothing', async () => {
    server.use(
      http.post(`${PORTAL_URL}/__demo/advance`, () =>
        HttpResponse.json({ error: { code: 500, message: 'The demo clock is stuck.', details: [] } }),
      ),
    );
    const { user, panel } = await openDemoPanel();
    await user.click(within(panel).getByRole('button', { name: '+7 days' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent(
      /The clock did not move: The server had a problem/,
    );
    expect(getPortal().org.advancedDays).toBe(0);
    expect(within(panel).getByRole('button', { name: '+7 days' })).toBeEnabled();
  }, 30_000);

  it('is not offered when the portal is not the demo portal', async () => {
    server.use(http.all(`${PORTAL_URL}/__demo/status`, () => new HttpResponse('Not Found', { status: 404 })));
    renderApp({ route: '/' });
    await screen.findByRole('region', { name: 'Available credits' }, { timeout: 10_000 });
    expect(screen.getByRole('switch', { name: 'Presentation mode' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Demo/ })).not.toBeInTheDocument();
  }, 30_000);
});

describe('Presentation mode', () => {
  it('masks the signed-in name in the header and is remembered', async () => {
    const { user } = renderApp({ route: '/' });
    await screen.findByRole('region', { name: 'Available credits' }, { timeout: 10_000 });
    expect(await screen.findByRole('button', { name: 'Account: Dana Reyes' })).toBeInTheDocument();
    await user.click(screen.getByRole('switch', { name: 'Presentation mode' }));
    expect(screen.getByRole('switch', { name: 'Presentation mode' })).toBeChecked();
    expect(document.documentElement).toHaveClass('presentation');
    expect(screen.getByRole('button', { name: /^Account: Member \d{4}$/ })).toBeInTheDocument();
    expect(screen.queryByText('Dana Reyes')).not.toBeInTheDocument();
  }, 30_000);
});
