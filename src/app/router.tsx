import { useState } from 'react';
import { createBrowserRouter, matchRoutes, RouterProvider, type RouteObject } from 'react-router';
import { paths } from '@/config/paths';
import { AppShell } from './shell/app-shell';
import { RouteErrorBoundary } from './shell/route-error';
import { RouteLoading } from './shell/route-loading';

const routes: RouteObject[] = [
  {
    element: <AppShell />,
    errorElement: <RouteErrorBoundary />,
    hydrateFallbackElement: <RouteLoading />,
    children: [
      {
        path: paths.overview.pattern,
        lazy: async () => ({ Component: (await import('./routes/overview')).OverviewRoute }),
      },
      {
        path: paths.members.pattern,
        lazy: async () => ({ Component: (await import('./routes/members')).MembersRoute }),
      },
      {
        path: paths.usage.pattern,
        lazy: async () => ({ Component: (await import('./routes/usage')).UsageRoute }),
      },
      {
        path: paths.policies.pattern,
        lazy: async () => ({ Component: (await import('./routes/policies')).PoliciesRoute }),
      },
      {
        path: paths.journal.pattern,
        lazy: async () => ({ Component: (await import('./routes/journal')).JournalRoute }),
      },
      {
        path: '*',
        lazy: async () => ({ Component: (await import('./routes/not-found')).NotFoundRoute }),
      },
    ],
  },
];

/** Starts loading the code of the page at `pathname`, so that the first render need not wait for it. */
export function preloadRoute(pathname: string): void {
  for (const { route } of matchRoutes(routes, pathname) ?? []) {
    if (typeof route.lazy === 'function') void route.lazy().catch(() => undefined);
  }
}

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
