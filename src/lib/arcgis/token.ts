import type { ArcGISClient, CallOptions } from './request';
import { generateTokenResponseSchema } from './schemas';
import type { GenerateTokenResponse } from './schemas';

export interface GenerateTokenParams {
  username: string;
  password: string;
  /** Minutes. */
  expiration?: number;
  referer?: string;
}

/**
 * `POST generateToken` (username + password → token), as `@esri/arcgis-rest-request`'s `signIn`
 * and the ArcGIS API for Python use it. Sent without a token; the password goes in the body only.
 */
export function generateToken(
  client: ArcGISClient,
  params: GenerateTokenParams,
  opts: CallOptions = {},
): Promise<GenerateTokenResponse> {
  return client.apiPost('generateToken', {
    schema: generateTokenResponseSchema,
    params: {
      username: params.username,
      password: params.password,
      expiration: params.expiration,
      referer: params.referer,
      client: params.referer ? 'referer' : 'requestip',
    },
    signal: opts.signal,
    anonymous: true,
  });
}
