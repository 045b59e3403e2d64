import { screen, waitFor } from '@testing-library/react';
import { renderApp } from '../../../../tests/render';
import { fakeIdentity } from '../../../../tests/fake-identity';
import { getPortal, PORTAL_URL, server } from '../../../../tests/server';
import { storeSessionEntry } from '@/lib/arcgis/stored-session';

const DAY = 24 * 60 * 60_000;

/** A first visit as `username`, so this browser keeps the organization as it saw it. */
async function visitOnce(username = 'demo_admin') {
  const view = renderApp({ signedInAs: username });
  expect(await screen.findByRole('heading', { name: 'Overview', level: 1 })).toBeInTheDocument();
  await waitFor(() => expect(window.localStorage.getItem('creditConsole.portalSelf')).toContain(username));
  view.unmount();
  window.sessionStorage.clear();
  fakeIdentity.reset();
}

/** A reload with `username`'s session stored, whose check with the portal waits for `release()`. */
function reloadWithStoredSession(username = 'demo_admin') {
  storeSessionEntry(PORTAL_URL, {
    appId: 'creditconsole',
    userId: username,
    refreshToken: 'stored-refresh-token',
    expires: Date.now() + 14 * DAY,
  });
  let release!: () => void;
  fakeIdentity.checkHeld = new Promise<void>((resolve) => (release = resolve));
  const sent: string[] = [];
  const onRequest = ({ request }: { request: Request }) => {
    // Requests to the organization (not the anonymous demo status or the console's own files).
    const path = new URL(request.url).pathname;
    if (path.includes('/sharing/rest/')) sent.push(path);
  };
  server.events.on('request:start', onRequest);
  // The portal's answer to the check is decided by `fakeIdentity.signedInAs` when it is released.
  const view = renderApp({ signedInAs: null });
  return { ...view, release, sent, stop: () => server.events.removeListener('request:start', onRequest) };
}

describe('a reload with a session stored in this browser', () => {
  it('shows the console at once, sends nothing until the portal confirms, then refreshes the org', async () => {
    await visitOnce();
    const orgName = getPortal().org.identity.name;
    const reload = reloadWithStoredSession();

    // The organization this browser kept, before the portal has said anything.
    expect(await screen.findByRole('button', { name: /^Account:/ })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Overview', level: 1 })).toBeInTheDocument();
    expect(screen.getAllByText(orgName).length).toBeGreaterThan(0);
    expect(fakeIdentity.checks).toBeGreaterThan(0);
    expect(reload.sent).toEqual([]);

    // The portal confirms the session; the organization is fetched again, with what it says now.
    getPortal().org.identity.name = 'Renamed While Away';
    fakeIdentity.signedInAs = 'demo_admin';
    reload.release();
    expect((await screen.findAllByText('Renamed While Away')).length).toBeGreaterThan(0);
    expect(reload.sent).toContain('/portal/sharing/rest/portals/self');
    reload.stop();
  });

  it('ends on the sign-in screen with a message when the portal no longer knows the session', async () => {
    await visitOnce();
    const orgName = getPortal().org.identity.name;
    const reload = reloadWithStoredSession();
    expect(await screen.findByRole('heading', { name: 'Overview', level: 1 })).toBeInTheDocument();

    // The portal refused the stored refresh token: not signed in.
    fakeIdentity.signedInAs = null;
    reload.release();
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Your session has ended. Sign in again to continue.',
    );
    expect(screen.getByRole('button', { name: 'Sign in with ArcGIS' })).toBeInTheDocument();
    // Nothing of the organization is left on the page, and no sign-in-again dialog came up.
    expect(document.body).not.toHaveTextContent(orgName);
    expect(document.body).not.toHaveTextContent('demo_admin');
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    // The requests of the console that was on screen were never sent.
    expect(reload.sent).toEqual([]);
    reload.stop();
  });

  it('never shows the organization kept for another user', async () => {
    await visitOnce('demo_credits');
    const reload = reloadWithStoredSession('demo_admin');
    expect(await screen.findByRole('heading', { name: 'Loading your organization…' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();

    fakeIdentity.signedInAs = 'demo_admin';
    reload.release();
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    reload.stop();
  });

  it('goes by the portal when it names another user than the stored session', async () => {
    const reload = reloadWithStoredSession('demo_admin');
    fakeIdentity.signedInAs = 'demo_member';
    reload.release();
    expect(
      await screen.findByRole('heading', { name: "You can't manage credits in this organization" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/demo_member/)).toBeInTheDocument();
    reload.stop();
  });

  it('forgets the kept organization at sign-out', async () => {
    await visitOnce();
    const reload = reloadWithStoredSession();
    fakeIdentity.signedInAs = 'demo_admin';
    reload.release();
    const { user } = reload;
    await user.click(await screen.findByRole('button', { name: /^Account:/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    expect(await screen.findByText('You have signed out.')).toBeInTheDocument();
    expect(window.localStorage.getItem('creditConsole.portalSelf')).toBeNull();
    reload.stop();
  });
});
