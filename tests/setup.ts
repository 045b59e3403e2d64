import '@testing-library/jest-dom/vitest';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import { PORTAL_URL, server } from './server';
import { fakeIdentity } from './fake-identity';

// The only module replaced in tests: OAuth redirects and popups can't run in jsdom.
vi.mock('@/lib/arcgis/identity', () => import('./fake-identity'));

// The console's runtime config, as public/config.json serves it, pointing at the in-process portal.
export const configHandler = http.get('*/config.json', () =>
  HttpResponse.json({ portalUrl: PORTAL_URL, appId: 'creditconsole' }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => server.use(configHandler));
afterEach(() => {
  server.resetHandlers();
  fakeIdentity.reset();
  window.sessionStorage.clear();
  window.localStorage.clear();
});
afterAll(() => server.close());

// jsdom lacks these; recharts, Radix and virtualised lists call them.
if (typeof window !== 'undefined') {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  if (!('ResizeObserver' in window)) vi.stubGlobal('ResizeObserver', ResizeObserverStub);

  if (typeof window.matchMedia !== 'function') {
    vi.stubGlobal('matchMedia', (query: string): MediaQueryList => {
      const list: MediaQueryList = {
        matches: false,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      };
      return list;
    });
  }

  window.scrollTo = () => {};
  HTMLElement.prototype.scrollIntoView = function scrollIntoView() {};
}
