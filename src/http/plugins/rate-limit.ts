// Per-key rate limits (issue #4): counted by API key id (by address when there is none), answered
// with 429, Retry-After and X-RateLimit-Limit/-Remaining/-Reset, where Reset is seconds from now
// as in Confluent Cloud. The 429 body comes from the family's own renderer.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseBasicAuthorization } from '../../core/basic-auth.ts';
import { RateLimited } from '../../core/errors.ts';

export interface RateLimitSettings {
  /** Requests per window per key; 0 turns limiting off. */
  max: number;
  windowSeconds: number;
}

function keyOf(request: FastifyRequest): string {
  const credentials = parseBasicAuthorization(request.headers.authorization);
  return credentials ? `key:${credentials.key}` : `ip:${request.ip}`;
}

export async function limitRequests(app: FastifyInstance, settings: RateLimitSettings): Promise<void> {
  if (settings.max <= 0) return;
  await app.register(rateLimit, {
    global: true,
    max: settings.max,
    timeWindow: settings.windowSeconds * 1000,
    keyGenerator: keyOf,
    // Health checks are for load balancers and are never limited.
    allowList: (request) => request.routeOptions.config.operation === 'cirrus.health',
    errorResponseBuilder: (_request, context) => new RateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
}
