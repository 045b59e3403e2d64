/** Where the console signs in: the portal's URL and the App ID registered with it. */
export interface PortalConfig {
  portalUrl: string;
  appId: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Normalizes a portal URL: resolves a path like "/portal" against this page's origin, requires https,
 * and drops a trailing slash, "/home" or "/sharing[/rest]" that people paste from the address bar.
 */
export function normalizePortalUrl(input: string, base = window.location.origin): string {
  const trimmed = input.trim();
  let url: URL;
  // Spaces would be percent-encoded into the path ("not%20a%20url"): say what was typed instead.
  if (/\s/.test(trimmed)) {
    throw new ConfigError(
      `"${trimmed}" is not a web address (it has spaces). Use the portal's address, e.g. https://myorg.maps.arcgis.com.`,
    );
  }
  try {
    url = new URL(
      /^[a-z]+:\/\//i.test(trimmed) || trimmed.startsWith('/') ? trimmed : `https://${trimmed}`,
      base,
    );
  } catch {
    throw new ConfigError(
      `"${trimmed}" is not a web address. Use the portal's address, e.g. https://myorg.maps.arcgis.com.`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new ConfigError(
      'The portal address must start with https:// (ArcGIS sign-in only works over HTTPS).',
    );
  }
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') {
    throw new ConfigError(`"${url.hostname}" does not look like a portal host name.`);
  }
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\/(home(\/.*)?|sharing(\/rest)?(\/.*)?)$/i, '');
  return `${url.origin}${path}`;
}

/** Parses `config.json`, failing with a message that says what to fix. */
function parseRuntimeConfig(json: unknown): PortalConfig {
  // Checked by hand rather than with zod: this runs on the sign-in screen, whose bundle is kept small.
  const record: Record<string, unknown> = typeof json === 'object' && json !== null ? { ...json } : {};
  const problems: string[] = [];
  const portalUrl = record.portalUrl;
  const appId = record.appId;
  if (typeof portalUrl !== 'string' || !portalUrl.trim())
    problems.push('portalUrl must be a non-empty string');
  if (typeof appId !== 'string' || !appId.trim()) problems.push('appId must be a non-empty string');
  if (typeof portalUrl !== 'string' || typeof appId !== 'string' || problems.length) {
    throw new ConfigError(`config.json is not valid (${problems.join('; ')}).`);
  }
  try {
    return { portalUrl: normalizePortalUrl(portalUrl), appId: appId.trim() };
  } catch (error) {
    throw new ConfigError(
      `config.json is not valid: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export async function loadRuntimeConfig(): Promise<PortalConfig> {
  let response: Response;
  try {
    response = await fetch('/config.json', { cache: 'no-cache' });
  } catch {
    throw new ConfigError(
      'config.json could not be loaded. Check that the console is being served correctly.',
    );
  }
  if (!response.ok) throw new ConfigError(`config.json could not be loaded (HTTP ${response.status}).`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ConfigError('config.json is not valid JSON.');
  }
  return parseRuntimeConfig(json);
}
