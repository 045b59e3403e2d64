import { z } from 'zod';

const anonymousSelfSchema = z.looseObject({
  supportsOAuth: z.boolean().optional(),
  currentVersion: z.union([z.string(), z.number()]).optional(),
  isPortal: z.boolean().optional(),
  name: z.string().optional(),
});

/** An address as a person typed it: percent-escapes (%20, %C3%A9…) shown as the characters. */
function readableUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/**
 * Checks that an address is an ArcGIS portal before sending the browser there.
 * Returns a message to show, or null when it looks right.
 */
export async function probePortal(portalUrl: string, signal?: AbortSignal): Promise<string | null> {
  const shown = readableUrl(portalUrl);
  let json: unknown;
  try {
    const response = await fetch(`${portalUrl}/sharing/rest/portals/self?f=json`, { signal });
    json = await response.json();
  } catch {
    return `No ArcGIS portal answered at ${shown}. Check the address (for ArcGIS Online it looks like https://myorg.maps.arcgis.com).`;
  }
  const parsed = anonymousSelfSchema.safeParse(json);
  if (!parsed.success || parsed.data.currentVersion === undefined) {
    return `${shown} answered, but not like an ArcGIS portal. Check the address.`;
  }
  if (parsed.data.supportsOAuth === false) return `${shown} does not support OAuth sign-in.`;
  return null;
}
