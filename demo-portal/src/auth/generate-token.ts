import { Hono } from 'hono';
import { PortalError } from '../model/errors.ts';
import { route } from '../routes/http.ts';
import type { AccountDirectory } from './accounts.ts';
import type { SignInThrottle } from './sign-in-throttle.ts';
import { clientAddress, INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS } from './sign-in-throttle.ts';
import type { TokenService } from './tokens.ts';

export interface GenerateTokenOptions {
  accounts: AccountDirectory;
  tokens: TokenService;
  /** The same counter as the sign-in page's: failures anywhere count everywhere. */
  throttle: SignInThrottle;
  maxExpirationMinutes: number;
}

const UNABLE = 'Unable to generate token.';

/**
 * `generateToken`: a token for a username and password, POST only (a GET would put the password
 * in the address; it is refused before its parameters are read). Failed attempts count towards
 * the same lockout as the sign-in page.
 */
export function createGenerateTokenRoutes(options: GenerateTokenOptions): Hono {
  const { accounts, tokens, throttle } = options;
  const app = new Hono();
  app.all(
    '/generateToken',
    route(
      (c, params) => {
        const username = params.get('username');
        const password = params.get('password');
        if (username === undefined)
          throw new PortalError(400, `${UNABLE.slice(0, -1)}: 'username' must be specified.`, [
            "'username' must be specified.",
          ]);
        if (password === undefined)
          throw new PortalError(400, `${UNABLE.slice(0, -1)}: 'password' must be specified.`, [
            "'password' must be specified.",
          ]);
        const address = clientAddress(c);
        if (throttle.check(username, address).locked) throw new PortalError(400, UNABLE, [TOO_MANY_ATTEMPTS]);
        const account = accounts.getAccount(username);
        if (!account || !accounts.verifyPassword(username, password)) {
          const after = throttle.recordFailure(username, address);
          throw new PortalError(400, UNABLE, [after.locked ? TOO_MANY_ATTEMPTS : INVALID_CREDENTIALS]);
        }
        throttle.recordSuccess(username);
        const requested = Number(params.get('expiration') ?? '60');
        const minutes =
          Number.isFinite(requested) && requested > 0
            ? Math.min(requested, options.maxExpirationMinutes)
            : 60;
        const { token, grant } = tokens.issue(
          'access',
          account.username,
          'generateToken',
          Math.round(minutes * 60_000),
        );
        return { token, expires: grant.expires, ssl: true };
      },
      { postOnly: true },
    ),
  );
  return app;
}
