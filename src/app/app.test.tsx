import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { renderApp } from '../../tests/render';
import { fakeIdentity } from '../../tests/fake-identity';
import { getPortal, PORTAL_URL, server } from '../../tests/server';
import { setPresentationMode } from '@/lib/presentation';

describe('signing in', () => {
  it('offers the demo organization and starts the redirect sign-in', async () => {
    const { user } = renderApp({ signedInAs: null });
    const button = await screen.findByRole('button', { name: 'Sign in to another ArcGIS organization' });
    expect(button).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('Sign in · Credit Console'));
    await user.click(screen.getByRole('button', { name: 'Sign in with ArcGIS' }));
    expect(await screen.findByRole('heading', { name: 'Opening the sign-in page…' })).toBeInTheDocument();
    expect(fakeIdentity.redirects).toBe(1);
  });

  it('says so when the sign-in was cancelled on the portal', async () => {
    renderApp({
      signedInAs: null,
      oauthReturn: { error: 'access_denied', errorDescription: 'The user denied your request.' },
    });
    // Cancelling is the person's choice: said plainly, not as an error.
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Sign-in was cancelled. Sign in to continue.',
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('does not remember another organization until a sign-in there succeeds', async () => {
    const { user, unmount } = renderApp({ signedInAs: null });
    await user.click(await screen.findByRole('button', { name: 'Sign in to another ArcGIS organization' }));
    await user.type(await screen.findByLabelText('Portal URL'), PORTAL_URL);
    await user.type(screen.getByLabelText('App ID'), 'mistyped-app-id');
    await user.click(screen.getByRole('button', { name: 'Continue to sign in' }));
    await waitFor(() => expect(fakeIdentity.redirects).toBe(1));
    unmount();

    // The portal refused the App ID; the administrator comes back with the browser's Back button.
    renderApp({ signedInAs: null });
    expect(await screen.findByRole('alert')).toHaveTextContent(/did not complete.*check the App ID/);
    expect(await screen.findByLabelText('Portal URL')).toHaveValue(PORTAL_URL);
    expect(screen.getByLabelText('App ID')).toHaveValue('');
    expect(window.localStorage.getItem('creditConsole.portal')).toBeNull();
  });

  it('checks another organization’s address where it was typed and keeps what was typed', async () => {
    server.use(http.all('https://nowhere.example/*', () => HttpResponse.error()));
    const { user } = renderApp({ signedInAs: null });
    await user.click(await screen.findByRole('button', { name: 'Sign in to another ArcGIS organization' }));
    await user.click(await screen.findByRole('button', { name: 'Continue to sign in' }));
    expect(screen.getByText(/Enter the portal address/)).toBeInTheDocument();

    await user.type(screen.getByLabelText('Portal URL'), 'http://myorg.maps.arcgis.com');
    await user.type(screen.getByLabelText('App ID'), 'abc123');
    await user.click(screen.getByRole('button', { name: 'Continue to sign in' }));
    expect(await screen.findByText(/must start with https/)).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Portal URL'));
    await user.type(screen.getByLabelText('Portal URL'), 'not a url at all');
    await user.click(screen.getByRole('button', { name: 'Continue to sign in' }));
    expect(await screen.findByText(/"not a url at all" is not a web address/)).toBeInTheDocument();
    server.use(http.all('https://nowhere.example/*', () => HttpResponse.error()));
    await user.clear(screen.getByLabelText('Portal URL'));
    await user.type(screen.getByLabelText('Portal URL'), 'https://nowhere.example/my%20portal');
    await user.click(screen.getByRole('button', { name: 'Continue to sign in' }));
    expect(
      await screen.findByText(/No ArcGIS portal answered at https:\/\/nowhere.example\/my portal\./),
    ).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Portal URL'));
    await user.type(screen.getByLabelText('Portal URL'), 'https://nowhere.example');
    await user.click(screen.getByRole('button', { name: 'Continue to sign in' }));
    expect(
      await screen.findByText(/No ArcGIS portal answered at https:\/\/nowhere.example/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('App ID')).toHaveValue('abc123');
    expect(fakeIdentity.redirects).toBe(0);
  });
});

describe('the admin gate and the shell', () => {
  it('shows the shell with the org and the signed-in administrator', async () => {
    const { user } = renderApp({ signedInAs: 'demo_admin' });
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('heading', { name: 'Overview', level: 1 })).toBeInTheDocument();
    const orgName = getPortal().org.identity.name;
    expect(await screen.findByText(orgName)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main');
    expect(document.title).toBe('Overview · Credit Console');

    await user.click(within(nav).getByRole('link', { name: 'Members' }));
    expect(await screen.findByRole('heading', { name: 'Members', level: 1 })).toBeInTheDocument();
    expect(document.title).toBe('Members · Credit Console');
    await user.click(within(nav).getByRole('link', { name: 'Usage' }));
    expect(await screen.findByRole('heading', { name: 'Usage', level: 1 })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('Usage · Credit Console'));
  });

  it('lets a custom role with the Manage credits privilege in', async () => {
    renderApp({ signedInAs: 'demo_credits' });
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });

  it('tells a member without the privilege who they are and why they cannot go on', async () => {
    const { user } = renderApp({ signedInAs: 'demo_member' });
    expect(
      await screen.findByRole('heading', { name: "You can't manage credits in this organization" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/demo_member/)).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByText('You have signed out.')).toBeInTheDocument();
    expect(fakeIdentity.signOuts).toBe(1);
  });

  it('explains that credit budgeting is an ArcGIS Online feature on an Enterprise portal', async () => {
    server.use(
      http.all(`${PORTAL_URL}/sharing/rest/portals/self`, async ({ request }) => {
        const real = (await (await getPortal().app.fetch(request)).json()) as Record<string, unknown>;
        const { availableCredits: _omit, ...rest } = real;
        return HttpResponse.json({ ...rest, isPortal: true, portalMode: 'singletenant' });
      }),
    );
    renderApp({ signedInAs: 'demo_admin' });
    expect(
      await screen.findByRole('heading', { name: 'Credit budgeting is an ArcGIS Online feature' }),
    ).toBeInTheDocument();
  });

  it('recovers from a portal that failed on the first load once it answers again', async () => {
    let failing = true;
    server.use(
      http.all(`${PORTAL_URL}/sharing/rest/portals/self`, () =>
        failing
          ? HttpResponse.json({ error: { code: 503, message: 'Service unavailable', details: [] } })
          : undefined,
      ),
    );
    const { user } = renderApp({ signedInAs: 'demo_admin' });
    expect(
      await screen.findByRole('heading', { name: 'The organization could not be loaded' }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('heading', { name: 'The organization could not be loaded' }),
    ).toBeInTheDocument();

    failing = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Overview', level: 1 })).toBeInTheDocument();
  });

  it('shows a not-found page for an unknown address', async () => {
    renderApp({ route: '/no-such-page' });
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(document.title).toBe('Page not found · Credit Console');
  });

  it('signs out from the account menu', async () => {
    const { user } = renderApp();
    await user.click(await screen.findByRole('button', { name: /^Account:/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    expect(await screen.findByText('You have signed out.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in with ArcGIS' })).toBeInTheDocument();
  });
});

describe('an ended session', () => {
  it('does not name the account in presentation mode', async () => {
    setPresentationMode(true);
    const { queryClient } = renderApp();
    expect(await screen.findByRole('heading', { name: 'Overview', level: 1 })).toBeInTheDocument();
    fakeIdentity.refreshWorks = false;
    getPortal().tokens.expireAllAccessTokens();
    await queryClient.invalidateQueries();
    const dialog = await screen.findByRole('dialog', { name: 'Your session has ended' });
    expect(dialog).toHaveTextContent('Sign in again with the same account to continue.');
    expect(dialog).not.toHaveTextContent('demo_admin');
  });

  it('refreshes silently once; when that fails, asks to sign in again in place, keeping the page', async () => {
    const { user, queryClient } = renderApp();
    expect(await screen.findByRole('heading', { name: 'Overview', level: 1 })).toBeInTheDocument();

    // A silent refresh that works: nobody notices.
    getPortal().tokens.expireAllAccessTokens();
    await queryClient.invalidateQueries();
    expect(screen.queryByRole('dialog', { name: 'Your session has ended' })).not.toBeInTheDocument();

    // A refresh that fails: the person is asked to sign in again, over the page they were on.
    fakeIdentity.refreshWorks = false;
    getPortal().tokens.expireAllAccessTokens();
    await queryClient.invalidateQueries();
    const dialog = await screen.findByRole('dialog', { name: 'Your session has ended' });
    expect(screen.getByRole('heading', { name: 'Overview', level: 1, hidden: true })).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Sign in again' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Sign-in did not complete. Try again.',
    );

    fakeIdentity.popupSignsInAs = 'demo_admin';
    await user.click(within(dialog).getByRole('button', { name: 'Sign in again' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Your session has ended' })).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('heading', { name: 'Overview', level: 1 })).toBeInTheDocument();
  });
});
