import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { ConfigError, normalizePortalUrl, type PortalConfig } from '@/config/env';
import { otherOrgSchema, readPortalChoice, type OtherOrgInput } from '../api/portal-choice';
import { probePortal } from '../api/probe-portal';

export interface SignInScreenProps {
  defaultConfig: PortalConfig | null;
  configError: string | null;
  message: string | null;
  onSignIn(config: PortalConfig, isDefault: boolean): void | Promise<void>;
}

export function SignInScreen({ defaultConfig, configError, message, onSignIn }: SignInScreenProps) {
  const remembered = readPortalChoice();
  const [showOther, setShowOther] = useState(remembered !== null || defaultConfig === null);
  const isDemoDefault = defaultConfig !== null && new URL(defaultConfig.portalUrl).origin === window.location.origin;

  return (
    <main className="center-page sign-in-page">
      <section className="card center-card sign-in-card" aria-labelledby="sign-in-title">
        <div className="brand-mark" aria-hidden="true">cc</div>
        <h1 id="sign-in-title" className="center-title">
          Credit Console
        </h1>
        <p className="muted">Credit budgeting for ArcGIS Online administrators.</p>

        {message && (
          <p role="alert" className={message.startsWith('You have signed out') ? 'notice' : 'notice notice-error'}>
            {message}
          </p>
        )}
        {configError && (
          <p role="alert" className="notice notice-error">
            {configError}
          </p>
        )}

        {defaultConfig && (
          <div className="sign-in-option">
            <button type="button" className="button button-primary button-wide" onClick={() => void onSignIn(defaultConfig, true)}>
              {isDemoDefault ? 'Sign in to the demo organization' : 'Sign in with ArcGIS'}
            </button>
            {isDemoDefault && (
              <p className="muted small">
                A built-in organization that works offline. Demo accounts: <strong>demo_admin</strong>,{' '}
                <strong>demo_credits</strong> and <strong>demo_member</strong>, password <strong>demo1234</strong>.
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
          {showOther && <OtherOrgForm initial={remembered} onSignIn={onSignIn} />}
        </div>
      </section>
    </main>
  );
}

interface OtherOrgFormProps {
  initial: PortalConfig | null;
  onSignIn: SignInScreenProps['onSignIn'];
}

function OtherOrgForm({ initial, onSignIn }: OtherOrgFormProps) {
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<OtherOrgInput>({
    resolver: zodResolver(otherOrgSchema),
    defaultValues: { portalUrl: initial?.portalUrl ?? '', appId: initial?.appId ?? '' },
  });

  const submit = handleSubmit(async (values) => {
    let portalUrl: string;
    try {
      portalUrl = normalizePortalUrl(values.portalUrl);
    } catch (error) {
      setError('portalUrl', { message: error instanceof ConfigError ? error.message : 'Check the portal address.' });
      return;
    }
    const problem = await probePortal(portalUrl);
    if (problem) {
      setError('portalUrl', { message: problem });
      return;
    }
    await onSignIn({ portalUrl, appId: values.appId.trim() }, false);
  });

  return (
    <form id="other-org" className="form" noValidate onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor="portal-url">Portal URL</label>
        <input
          id="portal-url"
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://myorg.maps.arcgis.com"
          aria-invalid={errors.portalUrl ? true : undefined}
          aria-describedby={errors.portalUrl ? 'portal-url-error' : 'portal-url-hint'}
          {...register('portalUrl')}
        />
        {errors.portalUrl ? (
          <p id="portal-url-error" className="field-error" role="alert">
            {errors.portalUrl.message}
          </p>
        ) : (
          <p id="portal-url-hint" className="field-hint">
            Your organization&apos;s address, as in the browser when you use ArcGIS Online.
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="app-id">App ID</label>
        <input
          id="app-id"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={errors.appId ? true : undefined}
          aria-describedby={errors.appId ? 'app-id-error' : 'app-id-hint'}
          {...register('appId')}
        />
        {errors.appId ? (
          <p id="app-id-error" className="field-error" role="alert">
            {errors.appId.message}
          </p>
        ) : (
          <p id="app-id-hint" className="field-hint">
            The client ID of an app registered in that organization with this page&apos;s address as a redirect URL.
          </p>
        )}
      </div>
      <button type="submit" className="button button-secondary button-wide" disabled={isSubmitting}>
        {isSubmitting ? 'Checking the portal…' : 'Continue to sign in'}
      </button>
    </form>
  );
}
