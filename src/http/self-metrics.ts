// GET /metrics: Cirrus's own metrics in Prometheus text (issue 12), and the hook that counts every
// request by its operation. Who may read them is a setting (CIRRUS_SELF_METRICS_ACCESS):
// `loopback` (default) lets a caller on this host in without a key, as a local Prometheus
// scrapes; anyone else, and any caller who sends a key, needs an OrganizationAdmin cloud key;
// `admin` always needs one; `open` needs none. A key that is sent is always checked.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Forbidden } from '../core/errors.ts';
import { OPERATIONS } from '../apis/operations.ts';
import type { Authenticator } from '../services/authenticator.ts';
import type { Authorizer } from '../services/authorizer.ts';
import type { SelfMetrics } from '../services/self-metrics.ts';

export type SelfMetricsAccess = 'loopback' | 'admin' | 'open';

export interface SelfMetricsDeps {
  metrics: SelfMetrics;
  access: SelfMetricsAccess;
  authenticator: Authenticator;
  authorizer: Authorizer;
}

const isLoopback = (address: string | undefined) => !!address && (/^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address));

/** Counts every answered request, unknown routes included (as `unknown`). */
export function countRequests(app: FastifyInstance, metrics: SelfMetrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(request.routeOptions.config?.operation ?? 'unknown', request.method, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}

export function registerSelfMetrics(app: FastifyInstance, deps: SelfMetricsDeps): void {
  const mayRead = async (request: FastifyRequest): Promise<void> => {
    const keyless = request.headers.authorization === undefined;
    if (deps.access === 'open' && keyless) return;
    if (deps.access === 'loopback' && keyless && isLoopback(request.socket.remoteAddress)) return;
    if (deps.authenticator.disabled) return;
    const caller = await deps.authenticator.authenticate(request.headers.authorization);
    const decision = await deps.authorizer.decide(caller, 'admin', { kind: 'organization' });
    if (decision !== 'allow') throw new Forbidden('Only an OrganizationAdmin may read the metrics of Cirrus');
  };
  app.get('/metrics', { config: { operation: OPERATIONS.selfMetrics } }, async (request, reply) => {
    await mayRead(request);
    const text = await deps.metrics.render();
    return reply.type(deps.metrics.contentType).send(text);
  });
}
