import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { QueryClient } from '@tanstack/react-query';
import { createQueryClient } from '@/lib/query-client';
import { App } from '@/app/app';
import { storeSessionMarker } from '@/lib/arcgis/stored-session';
import type { OAuthReturn } from '@/features/auth/api/oauth-return';
import { fakeIdentity } from './fake-identity';

/** The console's own query client (error routing, staleness, notifications) with retries off. */
export function createTestQueryClient(): QueryClient {
  const client = createQueryClient();
  const defaults = client.getDefaultOptions();
  client.setDefaultOptions({ ...defaults, queries: { ...defaults.queries, retry: false } });
  return client;
}

export interface RenderAppOptions {
  /** Path (and query) the browser is on. */
  route?: string;
  /** The account whose session is stored in this browser; null = signed out. */
  signedInAs?: string | null;
  oauthReturn?: Partial<OAuthReturn>;
}

/** Renders the whole console as a browser would load it, against the in-process demo portal. */
export function renderApp({
  route = '/',
  signedInAs = 'demo_admin',
  oauthReturn = {},
}: RenderAppOptions = {}) {
  window.history.replaceState(null, '', route);
  fakeIdentity.signedInAs = signedInAs;
  if (signedInAs) storeSessionMarker();
  const queryClient = createTestQueryClient();
  const user = userEvent.setup();
  const ret: OAuthReturn = { hasCode: false, error: null, errorDescription: null, ...oauthReturn };
  const view = render(<App oauthReturn={ret} queryClient={queryClient} />);
  return { ...view, user, queryClient };
}

export function renderWithUser(ui: ReactElement) {
  return { ...render(ui), user: userEvent.setup() };
}
