import { z } from 'zod';

export const otherOrgSchema = z.object({
  portalUrl: z.string().trim().min(1, 'Enter the portal address, e.g. https://myorg.maps.arcgis.com'),
  appId: z
    .string()
    .trim()
    .min(1, 'Enter the App ID (client ID) registered for Credit Console in that organization')
    .regex(/^[A-Za-z0-9_-]+$/, 'An App ID has only letters, digits, "-" and "_"'),
});
export type OtherOrgInput = z.infer<typeof otherOrgSchema>;
