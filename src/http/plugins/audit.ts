// Feeds the audit log from every response of the app (after it was sent, so it costs no latency).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseBasicAuthorization } from '../../core/basic-auth.ts';
import { hasApiKeyIdShape } from '../../core/ids.ts';
import { isAudited, outcomeOf, type AuditLog } from '../../services/audit-log.ts';

export function auditResponses(app: FastifyInstance, audit: AuditLog): void {
  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    // Most requests are reads nobody audits: they leave without a promise (issue 13).
    if (!isAudited(request.method, status)) return done();
    audit.record({
      at: new Date().toISOString(),
      request_id: request.id,
      principal_id: request.caller?.principalId ?? null,
      api_key_id: request.caller?.apiKeyId ?? presentedKeyId(request),
      operation: request.routeOptions.config?.operation ?? 'unknown',
      method: request.method,
      path: request.url.split('?')[0]!.slice(0, 2048),
      status,
      outcome: outcomeOf(status),
      address: request.ip,
      count: 1,
    }).then(() => done(), done);
  });
}

/**
 * The key id a request named, when it did not authenticate. Only a value shaped like a key id is
 * kept: a caller who swaps key and secret would otherwise put the secret into the audit log.
 */
function presentedKeyId(request: FastifyRequest): string | null {
  const key = parseBasicAuthorization(request.headers.authorization)?.key;
  return key !== undefined && hasApiKeyIdShape(key) ? key : null;
}
