// Builds the HTTP app, unstarted (C7): cross-cutting concerns, then one context per API family.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { connectV1 } from '../apis/connect-v1/index.ts';
import type { PoolManager } from '../engine/pool-manager.ts';
import type { Authenticator } from '../services/authenticator.ts';
import type { Authorizer } from '../services/authorizer.ts';
import type { ConnectorService } from '../services/connectors.ts';
import type { ConnectorOffsetsService } from '../services/connector-offsets.ts';
import type { ConnectorOperations } from '../services/connector-operations.ts';
import type { Topology } from '../services/topology.ts';
import { cmkV2 } from '../apis/cmk-v2/index.ts';
import { iamV2 } from '../apis/iam-v2/index.ts';
import { orgV2 } from '../apis/org-v2/index.ts';
import type { V2Deps } from '../apis/v2/context.ts';
import { renderV2Error } from './errors/v2.ts';
import { useErrorFamily } from './errors/render.ts';
import { registerHealth } from './health.ts';
import { registerConsole } from './console.ts';
import { countRequests, registerSelfMetrics, type SelfMetricsAccess } from './self-metrics.ts';
import type { SelfMetrics } from '../services/self-metrics.ts';
import { OneLinePerRequest, logRequestsSafely } from './request-log.ts';
import { parseEveryBodyAsJson } from './plugins/json-body.ts';
import type { AuditLog } from '../services/audit-log.ts';
import { auditResponses } from './plugins/audit.ts';
import { limitAuthFailures, type AuthFailureLimitSettings } from './plugins/auth-failure-limit.ts';
import { limitRequests, type RateLimitSettings } from './plugins/rate-limit.ts';
import { requireAPolicyPerRoute } from './plugins/route-catalog.ts';
import { ccpmV1 } from '../apis/ccpm-v1/index.ts';
import { connectCustomPluginV1 } from '../apis/connect-custom-plugin-v1/index.ts';
import { uploadTarget } from '../apis/upload-target/index.ts';
import { UPLOAD_TARGET_PREFIX } from '../objects/create.ts';
import type { CcpmV1Deps } from '../apis/ccpm-v1/context.ts';
import type { CustomPluginV1Deps } from '../apis/connect-custom-plugin-v1/context.ts';
import { metricsV2 } from '../apis/metrics-v2/index.ts';
import type { MetricsV2Deps } from '../apis/metrics-v2/context.ts';
import { schemaRegistry, SCHEMA_REGISTRY_PREFIX } from '../apis/schema-registry/index.ts';
import { srcmV3 } from '../apis/srcm-v3/index.ts';
import type { SchemaRegistryServices } from '../services/schema-registry/index.ts';

export interface AppDeps {
  logger: Logger;
  authenticator: Authenticator;
  authorizer: Authorizer;
  poolManager: PoolManager;
  connectors: ConnectorService;
  offsets: ConnectorOffsetsService;
  operate: ConnectorOperations;
  topology: Topology;
  v2: V2Deps;
  rateLimit: RateLimitSettings;
  authFailureLimit: AuthFailureLimitSettings;
  audit: AuditLog;
  /** GET /metrics (issue 12) and who may read it. */
  selfMetrics: { metrics: SelfMetrics; access: SelfMetricsAccess };
  /** The custom-plugin families' services (connect/v1 custom plugins and ccpm/v1). */
  plugins: CustomPluginV1Deps & CcpmV1Deps;
  /** The Metrics API's reads (issue 12). */
  metrics: MetricsV2Deps;
  /** Each environment's Schema Registry (issue 14). */
  schemaRegistry: SchemaRegistryServices;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    logController: new OneLinePerRequest(deps.logger),
    bodyLimit: 4 * 1024 * 1024,
    // Connector names may hold `|`, `[`, `]` … percent-encoded; never `+` as space (RFC 3986).
    routerOptions: { maxParamLength: 1024 },
    // Schemas check what clients send as it is: no coercion, so `"cku": "2"` or a display name
    // of 42 is a 400, and a query parameter given twice (an array) never passes as one string.
    // Query values are therefore declared as strings and parsed by the handler (v2/paging.ts).
    ajv: { customOptions: { coerceTypes: false } },
  });
  logRequestsSafely(app);
  countRequests(app, deps.selfMetrics.metrics);
  app.decorateRequest('caller', null);
  requireAPolicyPerRoute(app);
  // Hooks on every request take `done` rather than being async: a promise per hook per request
  // showed in the status read's profile (issue 13).
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
  // Before every family's authentication (root hooks run first).
  limitAuthFailures(app, deps.authFailureLimit);
  parseEveryBodyAsJson(app);
  await limitRequests(app, deps.rateLimit);
  auditResponses(app, deps.audit);
  // Outside every family (unknown paths, /health errors): the v2 envelope.
  useErrorFamily(app, renderV2Error);
  registerHealth(app, deps.poolManager);
  await registerConsole(app);
  const guards = { authenticator: deps.authenticator, authorizer: deps.authorizer };
  registerSelfMetrics(app, { ...deps.selfMetrics, ...guards });
  await app.register(connectV1(guards, { connectors: deps.connectors, topology: deps.topology, offsets: deps.offsets, operate: deps.operate }), { prefix: '/connect/v1' });
  await app.register(iamV2(guards, deps.v2), { prefix: '/iam/v2' });
  await app.register(orgV2(guards, deps.v2), { prefix: '/org/v2' });
  await app.register(cmkV2(guards, deps.v2), { prefix: '/cmk/v2' });
  await app.register(connectCustomPluginV1(guards, deps.plugins), { prefix: '/connect/v1' });
  await app.register(ccpmV1(guards, deps.plugins), { prefix: '/ccpm/v1' });
  await app.register(metricsV2(guards, deps.metrics), { prefix: '/v2/metrics' });
  await app.register(srcmV3(guards, deps.v2), { prefix: '/srcm/v3' });
  await app.register(schemaRegistry(guards, deps.schemaRegistry), { prefix: `${SCHEMA_REGISTRY_PREFIX}/:registry` });
  // With the local object store Cirrus is its own upload target; with S3, clients go to the bucket.
  const { target } = deps.plugins.uploads;
  if (target.enabled) await app.register(uploadTarget({ target }), { prefix: UPLOAD_TARGET_PREFIX });
  return app;
}
