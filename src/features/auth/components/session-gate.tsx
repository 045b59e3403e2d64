import { Fragment, useCallback, useEffect, useState, type ReactNode } from 'react';
import { ConfigError, type PortalConfig } from '@/config/env';
import { readStoredSession } from '@/lib/arcgis/stored-session';
import { forgetKeptPortalSelf } from '@/lib/kept-portal-self';
import { loadIdentity } from '../api/identity-loader';
import { readRuntimeConfig } from '../api/runtime-config';
import {
  describeOAuthError,
  hasStoredSession,
  stripOAuthParams,
  type OAuthReturn,
  type SignInMessage,
} from '../api/oauth-return';
import {
  commitPendingPortalChoice,
  dropPendingPortalChoice,
  readPendingPortalChoice,
  readPortalChoice,
  savePendingPortalChoice,
  savePortalChoice,
} from '../api/portal-choice';
import { SignInScreen } from './sign-in-screen';
import { FullPageStatus } from './full-page-status';

/** What the sign-in boundary hands to the signed-in part of the console. */
export interface SignedInSession {
  config: PortalConfig;
  username: string;
  signOut(): void;
  /**
   * Set when the console resumed from the session stored in this browser before the portal confirmed
   * it: resolves once it has. Requests wait for it; if the portal does not confirm the session it never
   * resolves, and the gate shows the sign-in screen instead (so nothing is sent for a session that
   * turned out not to exist, and no sign-in-again dialog appears).
   */
  confirmed?: Promise<void>;
}

interface Defaults {
  config: PortalConfig | null;
  error: string | null;
}

type GateState =
  | { status: 'starting' }
  | { status: 'redirecting' }
  | {
      status: 'signed-out';
      defaultConfig: PortalConfig | null;
      configError: string | null;
      message: SignInMessage | null;
      /** The other organization a sign-in was just tried with and did not complete. */
      lastAttempt: PortalConfig | null;
    }
  | { status: 'signed-in'; config: PortalConfig; username: string; confirmed?: Promise<void> };

export interface SessionGateProps {
  oauthReturn: OAuthReturn;
  /** Renders the signed-in console (loaded lazily, so the sign-in screen stays small). */
  children(session: SignedInSession): ReactNode;
  /** Loads what the signed-in console needs, so it appears in one step once the session is known. */
  prepare?: () => Promise<unknown>;
}

/** Signs the administrator in (or finds the session they already have) before anything else renders. */
export function SessionGate({ oauthReturn, children, prepare }: SessionGateProps) {
  const [state, setState] = useState<GateState>({ status: 'starting' });
  const [defaults, setDefaults] = useState<Defaults>({ config: null, error: null });
  // The check of a resumed session with the portal, while it runs (sign-out waits for it), and a
  // count of sign-outs (a check that finishes after one changes nothing). Not state: nothing renders it.
  const [resumed] = useState(() => new ResumeTracker());

  const signedOut = useCallback(
    (message: SignInMessage | null, from: Defaults = defaults, lastAttempt: PortalConfig | null = null) => {
      setState({
        status: 'signed-out',
        defaultConfig: from.config,
        configError: from.error,
        message,
        lastAttempt,
      });
    },
    [defaults],
  );

  // One-time start-up: read config.json, then complete a sign-in in progress or resume a stored session.
  useEffect(() => {
    let cancelled = false;
    async function start() {
      const loaded: Defaults = { config: null, error: null };
      try {
        loaded.config = await readRuntimeConfig();
      } catch (error) {
        loaded.error = error instanceof ConfigError ? error.message : 'config.json could not be read.';
      }
      if (cancelled) return;
      setDefaults(loaded);
      // Another organization being signed in to (this tab) comes first; it is remembered only once
      // the sign-in succeeds, so a mistyped App ID is never offered again.
      const attempt = readPendingPortalChoice();
      const config = attempt ?? readPortalChoice() ?? loaded.config;
      const pending = oauthReturn.hasCode || oauthReturn.error !== null || hasStoredSession();
      if (!config || !pending) {
        stripOAuthParams();
        dropPendingPortalChoice();
        if (!cancelled) signedOut(describeOAuthError(oauthReturn) ?? unfinished(attempt), loaded, attempt);
        return;
      }
      // A valid session stored for this portal and app (no sign-in coming back in the address bar):
      // show the console at once as that user and let the portal confirm the session meanwhile.
      const stored =
        !attempt && !oauthReturn.hasCode && oauthReturn.error === null
          ? readStoredSession(config.portalUrl, config.appId)
          : null;
      if (stored) {
        resume(config, stored.username, loaded);
        return;
      }
      try {
        const identity = await loadIdentity();
        identity.configureIdentity(config);
        const [credential] = await Promise.all([identity.checkSignIn(), prepare?.().catch(() => undefined)]);
        stripOAuthParams();
        if (cancelled) return;
        if (credential) {
          commitPendingPortalChoice();
          setState({ status: 'signed-in', config, username: credential.username });
        } else {
          dropPendingPortalChoice();
          signedOut(describeOAuthError(oauthReturn) ?? unfinished(attempt), loaded, attempt);
        }
      } catch (error) {
        stripOAuthParams();
        dropPendingPortalChoice();
        if (!cancelled)
          signedOut(
            {
              text: `The sign-in could not be completed: ${describeSignInError(error)} Please sign in again.`,
              tone: 'error',
            },
            loaded,
            attempt,
          );
      }
    }

    /** Signed in at once from the stored session; the portal's check runs alongside. */
    function resume(config: PortalConfig, username: string, loaded: Defaults) {
      const at = resumed.signOuts();
      let confirm!: () => void;
      const confirmed = new Promise<void>((resolve) => (confirm = resolve));
      const check = loadIdentity().then((identity) => {
        identity.configureIdentity(config);
        return identity.checkSignIn();
      });
      resumed.checking(check);
      // The signed-in console's code (already being fetched since the page started) is needed to
      // show anything; the check does not wait for it.
      void Promise.resolve(prepare?.())
        .catch(() => undefined)
        .then(() => {
          if (cancelled || at !== resumed.signOuts()) return;
          setState((current) =>
            current.status === 'starting' ? { status: 'signed-in', config, username, confirmed } : current,
          );
        });
      check.then(
        (credential) => {
          if (cancelled || at !== resumed.signOuts()) return;
          if (credential && credential.username === username) {
            confirm();
          } else if (credential) {
            // The portal says someone else is signed in here: go by what it says.
            setState({ status: 'signed-in', config, username: credential.username });
          } else {
            signedOut({ text: 'Your session has ended. Sign in again to continue.', tone: 'info' }, loaded);
          }
        },
        (error: unknown) => {
          if (cancelled || at !== resumed.signOuts()) return;
          signedOut(
            {
              text: `The sign-in could not be completed: ${describeSignInError(error)} Please sign in again.`,
              tone: 'error',
            },
            loaded,
          );
        },
      );
    }

    void start();
    return () => {
      cancelled = true;
    };
    // Start-up runs once; `signedOut` gets the loaded defaults passed explicitly.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [oauthReturn]);

  const signIn = useCallback(
    async (config: PortalConfig, isDefault: boolean) => {
      if (isDefault) {
        savePortalChoice(null);
        dropPendingPortalChoice();
      } else {
        savePendingPortalChoice(config);
      }
      setState({ status: 'redirecting' });
      try {
        const identity = await loadIdentity();
        identity.configureIdentity(config);
        await identity.signInWithRedirect();
      } catch (error) {
        dropPendingPortalChoice();
        signedOut({ text: `Sign-in could not start: ${describeSignInError(error)}`, tone: 'error' });
      }
    },
    [signedOut],
  );

  const signOut = useCallback(() => {
    // A check of the resumed session still running would store the session again: let it finish.
    const pending = resumed.signedOut();
    void pending
      .catch(() => undefined)
      .then(() => loadIdentity())
      .then((identity) => identity.signOut());
    forgetKeptPortalSelf();
    // The member index code is part of the signed-in console (already loaded by now): importing it
    // here on demand keeps it, and its schemas, out of the sign-in screen's code.
    void import('@/lib/member-index').then((m) => m.forgetMemberIndexes()).catch(() => undefined);
    signedOut({ text: 'You have signed out.', tone: 'info' });
  }, [signedOut, resumed]);

  if (state.status === 'starting') return <FullPageStatus title="Starting Credit Console…" />;
  if (state.status === 'redirecting') return <FullPageStatus title="Opening the sign-in page…" />;
  if (state.status === 'signed-out') {
    return (
      <SignInScreen
        defaultConfig={state.defaultConfig}
        configError={state.configError}
        message={state.message}
        lastAttempt={state.lastAttempt}
        onSignIn={signIn}
      />
    );
  }
  // Keyed by user: if the portal names another user than the stored session, nothing of the first
  // one's console (its cache among it) carries over.
  return (
    <Fragment key={state.username}>
      {children({ config: state.config, username: state.username, signOut, confirmed: state.confirmed })}
    </Fragment>
  );
}

/** The check of a resumed session, while it runs, and how many sign-outs there have been since. */
class ResumeTracker {
  private check: Promise<unknown> = Promise.resolve();
  private count = 0;
  checking(check: Promise<unknown>): void {
    this.check = check.catch(() => undefined);
  }
  signOuts(): number {
    return this.count;
  }
  /** Counts a sign-out; resolves once no check is running any more. */
  signedOut(): Promise<unknown> {
    this.count += 1;
    return this.check;
  }
}

/** Back from another organization's sign-in page without signing in (e.g. it refused the App ID). */
function unfinished(attempt: PortalConfig | null): SignInMessage | null {
  if (!attempt) return null;
  return {
    text: `The sign-in to ${attempt.portalUrl} did not complete. If its page said the App ID is not valid, check the App ID registered for Credit Console in that organization.`,
    tone: 'error',
  };
}

function describeSignInError(error: unknown): string {
  if (typeof error === 'object' && error && 'details' in error) {
    const details = (
      error as { details?: { messageCode?: unknown; raw?: { error?: { message?: unknown } } } }
    ).details;
    const message = details?.raw?.error?.message;
    if (typeof message === 'string') return `${message}.`;
  }
  if (error instanceof Error && error.message)
    return error.message.endsWith('.') ? error.message : `${error.message}.`;
  return 'The portal did not accept the sign-in.';
}
