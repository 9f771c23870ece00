// GET …/connectors: names; with `expand` (repeatable, comma lists) an object keyed by name
// holding only the asked parts (CONTRACT §1.3).
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { PREFIX, scopeOf, type ClusterPath, type ConnectV1Deps } from '../context.ts';
import { clusterParams, errorResponses } from '../schemas.ts';
import { toWireExpansionsJson } from '../wire.ts';
import { parseExpand } from '../../../core/connector-expand.ts';

// The Go SDK sends expand=info%2Cstatus%2Cid and may add a second expand (CONTRACT §1.3, Q1).
const querystring = { type: 'object', properties: { expand: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } } } as const;

export default async function listConnectors(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.get<{ Params: ClusterPath; Querystring: { expand?: string | string[] } }>(`${PREFIX}/connectors`, {
    config: { operation: OPERATIONS.connectorList },
    schema: { params: clusterParams, querystring, response: errorResponses },
  }, async (request, reply) => {
    const records = await deps.connectors.list(scopeOf(request.params));
    const parts = parseExpand(request.query.expand);
    if (parts.size === 0) return records.map((r) => r.connector.name);
    return reply.type('application/json; charset=utf-8').send(toWireExpansionsJson(records, parts, deps.topology));
  });
}
