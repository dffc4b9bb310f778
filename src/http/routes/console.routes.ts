import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { sendProblem } from '../plugins/error-handler.js';

export interface ConsoleRoutesOptions {
  /** The built console (vite build output); relative paths are from the working directory, like data/. */
  root: string;
}

/**
 * The console page's Content-Security-Policy: helmet's default, with fetches limited to this origin and without
 * upgrade-insecure-requests, which would send a page opened over plain http (a LAN address) to https for its
 * own scripts and API calls. No inline script or style is needed (uPlot and Preact style through the CSSOM).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
].join(';');

/** Where `npm run build` (and `npm ci`, through `prepare`) puts the console. */
export const DEFAULT_CONSOLE_DIR = 'console/dist';

/**
 * The review console's static files at /console/ (a single page with hash routes, so no fallback is needed).
 * Hashed assets are cached for a year, index.html is revalidated. Without a build, /console answers 503
 * problem+json that says how to build it. The routes are hidden from the OpenAPI document.
 */
export const consoleRoutes: FastifyPluginAsync<ConsoleRoutesOptions> = async (app, opts) => {
  const root = resolve(opts.root);
  if (!existsSync(join(root, 'index.html'))) {
    const missing = { schema: { hide: true } };
    const handler = (request: Parameters<typeof sendProblem>[0], reply: Parameters<typeof sendProblem>[1]) =>
      sendProblem(request, reply, {
        status: 503,
        code: 'console_not_built',
        detail: `the console is not built (no ${join(opts.root, 'index.html')}): run "npm run build" (or "npm ci"), then restart`,
      });
    app.get('/', missing, handler);
    app.get('/*', missing, handler);
    return;
  }
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', CONSOLE_CSP);
  });
  app.get('', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/console/'));
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: ['index.html'],
    wildcard: true,
    schemaHide: true,
    setHeaders: (res, path) => {
      res.header('cache-control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
};
