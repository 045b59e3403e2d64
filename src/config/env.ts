import { z } from 'zod';

/** Where the console signs in: the portal's URL and the App ID registered with it. */
export interface PortalConfig {
  portalUrl: string;
  appId: string;
}

const rawConfigSchema = z.object({
  portalUrl: z.string().min(1, 'portalUrl is empty'),
  appId: z.string().min(1, 'appId is empty'),
});

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
  try {
    url = new URL(/^[a-z]+:\/\//i.test(trimmed) || trimmed.startsWith('/') ? trimmed : `https://${trimmed}`, base);
  } catch {
    throw new ConfigError(`"${trimmed}" is not a web address. Use the portal's address, e.g. https://myorg.maps.arcgis.com.`);
  }
  if (url.protocol !== 'https:') {
    throw new ConfigError('The portal address must start with https:// (ArcGIS sign-in only works over HTTPS).');
  }
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') {
    throw new ConfigError(`"${url.hostname}" does not look like a portal host name.`);
  }
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\/(home(\/.*)?|sharing(\/rest)?(\/.*)?)$/i, '');
  return `${url.origin}${path}`;
}

/** Parses `config.json`, failing with a message that says what to fix. */
export function parseRuntimeConfig(json: unknown): PortalConfig {
  const parsed = rawConfigSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ');
    throw new ConfigError(`config.json is not valid (${problems}).`);
  }
  return { portalUrl: normalizePortalUrl(parsed.data.portalUrl), appId: parsed.data.appId.trim() };
}

export async function loadRuntimeConfig(): Promise<PortalConfig> {
  let response: Response;
  try {
    response = await fetch('/config.json', { cache: 'no-cache' });
  } catch {
    throw new ConfigError('config.json could not be loaded. Check that the console is being served correctly.');
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
