// GET …/connectors: names; with `expand` (repeatable, comma lists) an object keyed by name
// holding only the asked parts (CONTRACT §1.3).
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { PREFIX, scopeOf, type ClusterPath, type ConnectV1Deps } from '../context.ts';
import { clusterParams, errorResponses } from '../schemas.ts';
import { toWireExpansion, type ExpandPart } from '../wire.ts';

const PARTS = new Set<ExpandPart>(['id', 'info', 'status']);

export function expandParts(query: unknown): Set<ExpandPart> {
  const raw = (query as { expand?: string | string[] }).expand;
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const tokens = values.flatMap((v) => v.split(',')).map((t) => t.trim());
  return new Set(tokens.filter((t): t is ExpandPart => PARTS.has(t as ExpandPart)));
}

export default async function listConnectors(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.get<{ Params: ClusterPath }>(`${PREFIX}/connectors`, {
    config: { operation: OPERATIONS.connectorList },
    schema: { params: clusterParams, response: errorResponses },
  }, async (request) => {
    const records = await deps.connectors.list(scopeOf(request.params));
    const expand = request.query as Record<string, unknown>;
    if (!('expand' in expand)) return records.map((r) => r.row.name);
    const parts = expandParts(expand);
    if (parts.size === 0) return records.map((r) => r.row.name);
    return Object.fromEntries(records.map((r) => [r.row.name, toWireExpansion(r, parts, deps.topology)]));
  });
}
