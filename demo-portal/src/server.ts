import { createServer as createHttpsServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { getRequestListener } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createPortal, defaultApps, type Portal, type PortalOptions } from './app.ts';
import { loadOrCreateCertificate } from './certificate.ts';

export interface ServerOptions {
  port: number;
  host?: string;
  /** `static` serves the built console from `distDir`; `dev` mounts Vite with hot reload. */
  mode: 'static' | 'dev';
  distDir?: string;
  certDir?: string;
  portal?: PortalOptions;
}

export interface RunningServer {
  server: Server;
  portal: Portal;
  origin: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** The console's own pages: everything the console needs comes from this origin or a configured portal. */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self' https:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self' https:",
].join('; ');

function consoleApp(distDir: string): Hono {
  const app = new Hono();
  app.use('*', compress());
  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
    if (c.req.path.startsWith('/assets/')) {
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
    } else {
      c.header('Cache-Control', 'no-cache');
      c.header('Content-Security-Policy', CONSOLE_CSP);
    }
  });
  app.use('*', serveStatic({ root: distDir }));
  // Single-page app: unknown paths (not files) get index.html so client routes survive a reload.
  app.get('*', serveStatic({ root: distDir, path: 'index.html' }));
  return app;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const origins = [`https://localhost:${options.port}`, `https://127.0.0.1:${options.port}`];
  const portal = createPortal({ apps: defaultApps(origins), ...options.portal });
  const certificate = await loadOrCreateCertificate(options.certDir ?? resolve('.cache/cert'));
  const portalListener = getRequestListener(portal.app.fetch);
  const basePath = options.portal?.basePath ?? '/portal';

  let handleConsole: (req: IncomingMessage, res: ServerResponse) => void;
  const server = createHttpsServer({ key: certificate.key, cert: certificate.cert });
  let closeVite = async () => {};

  if (options.mode === 'dev') {
    const { createServer: createViteServer } = await import('vite');
    const vite = await createViteServer({
      server: { middlewareMode: true, hmr: { server } },
      cacheDir: resolve(`node_modules/.vite-dev-${options.port}`),
      appType: 'spa',
    });
    handleConsole = (req, res) => vite.middlewares(req, res);
    closeVite = () => vite.close();
  } else {
    const distDir = options.distDir ?? resolve('dist');
    if (!existsSync(resolve(distDir, 'index.html'))) {
      throw new Error(`No console build in ${distDir}. Run "npm run build" first (npm start does it).`);
    }
    handleConsole = getRequestListener(consoleApp(distDir).fetch);
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (url === basePath || url.startsWith(`${basePath}/`) || url.startsWith(`${basePath}?`)) {
      void portalListener(req, res);
    } else {
      handleConsole(req, res);
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolveListen());
  });
  // Member lookups, the default order and the search text are built once the server answers.
  void portal.org.warmUp();

  return {
    server,
    portal,
    origin: `https://localhost:${options.port}`,
    async close() {
      await closeVite();
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await portal.close();
    },
  };
}

/**
 * `npm run demo:reset` while the server runs sends it SIGUSR2: the running org starts over from
 * the seed and is saved (reset.ts waits for the new state file).
 */
export function resetOnSignal(running: RunningServer): void {
  process.on('SIGUSR2', () => {
    running.portal.org.resetToSeed();
    void running.portal.flush().then(
      () => console.log('Demo organization reset to its seed (npm run demo:reset).'),
      (error: unknown) => console.error(`Demo organization reset, but not saved: ${String(error)}`),
    );
  });
}
