// connect/v1 custom connector runtimes: the one runtime Cirrus offers, paged like every list.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { listEnvelope, parsePage } from '../../v2/paging.ts';
import { pageQuery } from '../../v2/schemas.ts';
import { toWireRuntime } from './wire.ts';

const querystring = { type: 'object', properties: pageQuery } as const;

export default async function listRuntimes(app: FastifyInstance): Promise<void> {
  app.get('', { config: { operation: OPERATIONS.customRuntimeList }, schema: { querystring } }, async (request) =>
    listEnvelope(request, 'connect/v1', 'CustomConnectorRuntime', [toWireRuntime()], parsePage(request.query)));
}
