// The web console (issue 15): the built single-page app under /console, served by this process.
// It holds no data and no key; it signs in through the public APIs with Basic auth from the page.
// So its routes are public, and the page runs under a strict Content-Security-Policy: only our
// own scripts, styles and API calls, nothing inline, no framing.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFound } from '../core/errors.ts';
import { OPERATIONS } from '../apis/operations.ts';

/** Where `scripts/build-web.mjs` writes the build (npm start and npm test run it first). */
export const CONSOLE_DIST = path.resolve(import.meta.dirname, '../../web/dist');

const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

function secureHeaders(reply: FastifyReply): void {
  reply.header('Content-Security-Policy', CSP);
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Referrer-Policy', 'no-referrer');
  reply.header('X-Frame-Options', 'DENY');
}

/** Registers GET /console and /console/*: hashed assets cached for a year, every other path the app. */
export async function registerConsole(app: FastifyInstance, root = CONSOLE_DIST): Promise<void> {
  await app.register(async (context) => {
    // serve: false: our own routes, so each names its operation (C3) and unknown assets 404.
    await context.register(fastifyStatic, { root, serve: false, decorateReply: true });
    const config = { operation: OPERATIONS.consoleAsset };
    context.get('/console', { config }, async (_request, reply) => reply.redirect('/console/', 301));
    context.get<{ Params: { '*': string } }>('/console/*', { config }, async (request, reply) => {
      const rest = request.params['*'];
      secureHeaders(reply);
      if (rest.startsWith('assets/')) {
        const file = rest.slice('assets/'.length);
        if (!/^[A-Za-z0-9._-]+$/.test(file) || !fs.existsSync(path.join(root, 'assets', file))) throw new NotFound('No such console asset');
        // Names carry their content hash (scripts/build-web.mjs): a changed file has a new name.
        return reply.sendFile(`assets/${file}`, { maxAge: '365d', immutable: true, cacheControl: true });
      }
      // Any other path is a route of the app (SPA fallback); never cached, so a new build shows.
      if (!fs.existsSync(path.join(root, 'index.html'))) throw new NotFound('The web console is not built: npm start builds it');
      reply.header('Cache-Control', 'no-cache');
      return reply.sendFile('index.html', { cacheControl: false });
    });
  });
}
