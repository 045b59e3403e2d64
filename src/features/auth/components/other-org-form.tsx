import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { ConfigError, normalizePortalUrl, type PortalConfig } from '@/config/env';
import { otherOrgSchema, type OtherOrgInput } from '../api/other-org-schema';
import { probePortal } from '../api/probe-portal';

export interface OtherOrgFormProps {
  initial: PortalConfig | null;
  onSignIn(config: PortalConfig, isDefault: boolean): void | Promise<void>;
}

export function OtherOrgForm({ initial, onSignIn }: OtherOrgFormProps) {
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
      setError('portalUrl', {
        message: error instanceof ConfigError ? error.message : 'Check the portal address.',
      });
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
            The client ID of an app registered in that organization with this page&apos;s address as a
            redirect URL.
          </p>
        )}
      </div>
      <button type="submit" className="button button-secondary button-wide" disabled={isSubmitting}>
        {isSubmitting ? 'Checking the portal…' : 'Continue to sign in'}
      </button>
    </form>
  );
}
