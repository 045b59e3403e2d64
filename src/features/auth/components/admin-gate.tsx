import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { describeError } from '@/lib/arcgis/errors';
import { canManageCredits } from '@/lib/arcgis/schemas';
import { portalQueries } from '@/lib/portal-queries';
import { roleName, roleNamesOf } from '@/lib/role-names';
import { useSession } from './session-context';
import { FullPageStatus } from './full-page-status';

export interface AdminGateProps {
  children: ReactNode;
}

/** Credit pages need an ArcGIS Online organization and the manageCredits privilege (or org_admin). */
export function AdminGate({ children }: AdminGateProps) {
  const session = useSession();
  // Any failure of the first load is answered here, in place, with a retry (not by the app-wide
  // error screen): the organization is what every page needs first.
  const self = useQuery({ ...portalQueries.self(session.client), throwOnError: false });
  // Only needed to name a refused member's custom role; fetched once the org is known.
  const needsRoleName = Boolean(self.data?.user?.roleId) && !canManageCredits(self.data?.user);
  const roles = useQuery({ ...portalQueries.roles(session.client), enabled: needsRoleName });

  if (self.isPending) return <FullPageStatus title="Loading your organization…" />;
  // A failed background refetch keeps the page on screen (stale data beats an error screen).
  if (self.isError && !self.data) {
    return (
      <FullPageStatus title="The organization could not be loaded">
        <p role="alert" className="notice notice-error">
          {describeError(self.error)}
        </p>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={session.signOut}>
            Sign out
          </button>
          <button type="button" className="button button-primary" onClick={() => void self.refetch()}>
            Try again
          </button>
        </div>
      </FullPageStatus>
    );
  }

  const portal = self.data;
  if (!portal) return null;
  const user = portal.user;
  const who = user ? `${user.fullName ?? user.username} (${user.username})` : session.username;

  if (portal.isPortal || portal.availableCredits == null) {
    return (
      <GateMessage who={who} onSignOut={session.signOut} title="Credit budgeting is an ArcGIS Online feature">
        {portal.name ?? 'This portal'} is an ArcGIS Enterprise portal. Credit budgeting is an ArcGIS Online
        feature, so there are no credits to manage here. Sign in to an ArcGIS Online organization instead.
      </GateMessage>
    );
  }
  if (!user || !canManageCredits(user)) {
    return (
      <GateMessage
        who={who}
        onSignOut={session.signOut}
        title="You can't manage credits in this organization"
      >
        Credit Console is for administrators. Your account has the role{' '}
        <strong>{user ? roleName(user, roleNamesOf(roles.data)) : 'unknown'}</strong> without the “Manage
        credits” privilege. Ask an administrator of {portal.name ?? 'your organization'} for that privilege,
        or sign in with another account.
      </GateMessage>
    );
  }
  return <>{children}</>;
}

interface GateMessageProps {
  who: string;
  title: string;
  children: ReactNode;
  onSignOut(): void;
}

function GateMessage({ who, title, children, onSignOut }: GateMessageProps) {
  return (
    <FullPageStatus title={title}>
      <p>
        Signed in as <strong>{who}</strong>.
      </p>
      <p>{children}</p>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </FullPageStatus>
  );
}
