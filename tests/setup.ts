import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import { PORTAL_URL, resetPortal, server } from './server';
import { fakeIdentity } from './fake-identity';

// Lazy route chunks are transformed on first use; give findBy* room on a busy 2-core machine (a ceiling to wait up to, not a speed budget).
configure({ asyncUtilTimeout: 15_000 });

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
  // Each test starts from the seeded org (rebuilt lazily, only when the next test uses it).
  resetPortal();
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
