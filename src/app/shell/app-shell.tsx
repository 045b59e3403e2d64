import { Suspense } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { QueryErrorResetBoundary, useQuery } from '@tanstack/react-query';
import { paths } from '@/config/paths';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { ErrorState } from '@/components/ui/error-state';
import { describeError } from '@/lib/arcgis/errors';
import { portalQueries } from '@/lib/portal-queries';
import { roleName, roleNamesOf } from '@/lib/role-names';
import { useSession } from '@/features/auth/components/session-context';
import { DemoControls } from '@/features/demo/components/demo-controls';
import { PresentationToggle } from '@/features/demo/components/presentation-toggle';
import { PrintHeader } from '@/features/demo/components/print-header';
import { SandboxBand } from '@/features/what-if/components/sandbox-band';
import { displayPerson, usePresentationMode } from '@/lib/presentation';
import { RunIndicator } from '@/components/changes/run-indicator';
import { UserMenu } from './user-menu';
import { RouteLoading } from './route-loading';

const NAV = [
  { to: paths.overview.href(), label: 'Overview', end: true },
  { to: paths.members.href(), label: 'Members', end: false },
  { to: paths.usage.href(), label: 'Usage', end: false },
  { to: paths.policies.href(), label: 'Policies', end: false },
  { to: paths.journal.href(), label: 'Journal', end: false },
];

export function AppShell() {
  const session = useSession();
  const self = useQuery(portalQueries.self(session.client));
  const roles = useQuery({
    ...portalQueries.roles(session.client),
    enabled: Boolean(self.data?.user?.roleId),
  });
  const location = useLocation();
  const orgName = self.data?.name ?? 'Your organization';
  const [masked] = usePresentationMode();
  const me = displayPerson({ username: session.username, fullName: self.data?.user?.fullName }, masked);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        <div className="shell-brand">
          <span className="brand-mark brand-mark-small" aria-hidden="true">
            cc
          </span>
          <span className="shell-title">Credit Console</span>
          <span className="shell-org" title={orgName}>
            {orgName}
          </span>
        </div>
        <nav className="shell-nav" aria-label="Main">
          {NAV.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.end} className="shell-nav-link">
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="shell-tools">
          <RunIndicator />
          <DemoControls />
          <PresentationToggle />
        </div>
        <UserMenu
          username={me.displayUsername}
          fullName={me.fullName || undefined}
          role={self.data?.user ? roleName(self.data.user, roleNamesOf(roles.data)) : undefined}
          onSignOut={session.signOut}
        />
      </header>
      <SandboxBand />
      <PrintHeader orgName={orgName} />
      <main id="main" className="shell-main" tabIndex={-1}>
        <QueryErrorResetBoundary>
          {({ reset }) => (
            <ErrorBoundary
              resetKeys={[location.pathname]}
              onReset={reset}
              fallback={({ error, reset: retry }) => (
                <div className="page">
                  <ErrorState
                    title="This page could not be loaded"
                    message={describeError(error)}
                    onRetry={retry}
                  />
                </div>
              )}
            >
              <Suspense fallback={<RouteLoading />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          )}
        </QueryErrorResetBoundary>
      </main>
    </div>
  );
}
