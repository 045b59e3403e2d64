import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ConfigError, loadRuntimeConfig, type PortalConfig } from '@/config/env';
import { loadIdentity } from '../api/identity-loader';
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
  | { status: 'signed-in'; config: PortalConfig; username: string };

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
        loaded.config = await loadRuntimeConfig();
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
    void loadIdentity().then((identity) => identity.signOut());
    // The member index code is part of the signed-in console (already loaded by now): importing it
    // here on demand keeps it, and its schemas, out of the sign-in screen's code.
    void import('@/lib/member-index').then((m) => m.forgetMemberIndexes()).catch(() => undefined);
    signedOut({ text: 'You have signed out.', tone: 'info' });
  }, [signedOut]);

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
  return children({ config: state.config, username: state.username, signOut });
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
