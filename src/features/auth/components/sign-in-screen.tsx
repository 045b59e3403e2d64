import { lazy, Suspense, useState } from 'react';
import type { PortalConfig } from '@/config/env';
import { useDocumentTitle } from '@/lib/document-title';
import type { SignInMessage } from '../api/oauth-return';
import { readPortalChoice } from '../api/portal-choice';

// The form (react-hook-form + zod) loads only when someone opens it.
const OtherOrgForm = lazy(() => import('./other-org-form').then((m) => ({ default: m.OtherOrgForm })));

export interface SignInScreenProps {
  defaultConfig: PortalConfig | null;
  configError: string | null;
  message: SignInMessage | null;
  /** The other organization a sign-in was just tried with and did not complete. */
  lastAttempt?: PortalConfig | null;
  onSignIn(config: PortalConfig, isDefault: boolean): void | Promise<void>;
}

export function SignInScreen({
  defaultConfig,
  configError,
  message,
  lastAttempt = null,
  onSignIn,
}: SignInScreenProps) {
  useDocumentTitle('Sign in');
  // After an attempt that did not complete, its portal address is offered again, not its App ID
  // (the likely mistake); only an organization signed in to successfully is remembered whole.
  const remembered = lastAttempt ? { portalUrl: lastAttempt.portalUrl, appId: '' } : readPortalChoice();
  const [showOther, setShowOther] = useState(remembered !== null || defaultConfig === null);
  const isDemoDefault =
    defaultConfig !== null && new URL(defaultConfig.portalUrl).origin === window.location.origin;

  return (
    <main className="center-page sign-in-page">
      <section className="card center-card sign-in-card" aria-labelledby="sign-in-title">
        <div className="brand-mark" aria-hidden="true">
          cc
        </div>
        <h1 id="sign-in-title" className="center-title">
          Credit Console
        </h1>
        <p className="muted">Credit budgeting for ArcGIS Online administrators.</p>

        {message &&
          (message.tone === 'error' ? (
            <p role="alert" className="notice notice-error">
              {message.text}
            </p>
          ) : (
            <p role="status" className="notice">
              {message.text}
            </p>
          ))}
        {configError && (
          <p role="alert" className="notice notice-error">
            {configError}
          </p>
        )}

        {defaultConfig && (
          <div className="sign-in-option">
            <button
              type="button"
              className="button button-primary button-wide"
              onClick={() => void onSignIn(defaultConfig, true)}
            >
              {isDemoDefault ? 'Sign in to the demo organization' : 'Sign in with ArcGIS'}
            </button>
            {isDemoDefault && (
              <p className="muted small">
                A built-in organization that works offline. Demo accounts: <strong>demo_admin</strong>,{' '}
                <strong>demo_credits</strong> and <strong>demo_member</strong>, password{' '}
                <strong>demo1234</strong>.
              </p>
            )}
          </div>
        )}

        <div className="sign-in-option">
          <button
            type="button"
            className="button button-link"
            aria-expanded={showOther}
            aria-controls="other-org"
            onClick={() => setShowOther((v) => !v)}
          >
            Sign in to another ArcGIS organization
          </button>
          {showOther && (
            <Suspense fallback={<p className="muted small">Loading…</p>}>
              <OtherOrgForm initial={remembered} onSignIn={onSignIn} />
            </Suspense>
          )}
        </div>
      </section>
    </main>
  );
}
