// POST /compatibility/subjects/{subject}/versions[/{version}]: would this schema be accepted?
// Nothing is registered. Without a version, against what the subject's level names.
import type { FastifyInstance } from 'fastify';
import { parseVersion } from '../../core/schema-registry/model.ts';
import { OPERATIONS } from '../operations.ts';
import { flag, flags, registry, schemaBody, subjectParams, versionParams, type RegistryDeps, type SchemaBody } from './wire.ts';

type Check = { Body: SchemaBody; Querystring: { verbose?: string } };

function toWire(result: { compatible: boolean; messages: string[] }, verbose: boolean) {
  return verbose ? { is_compatible: result.compatible, messages: result.messages } : { is_compatible: result.compatible };
}

export async function compatibilityRoutes(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.post<Check & { Params: { subject: string } }>('/compatibility/subjects/:subject/versions', {
    config: { operation: OPERATIONS.registryCompatibilityCheck }, schema: { params: subjectParams, body: schemaBody, querystring: flags('verbose', 'normalize') },
  }, async (request) => toWire(await deps.schemas.check(registry(request), request.params.subject, undefined, request.body), flag(request.query.verbose)));
  app.post<Check & { Params: { subject: string; version: string } }>('/compatibility/subjects/:subject/versions/:version', {
    config: { operation: OPERATIONS.registryCompatibilityCheck }, schema: { params: versionParams, body: schemaBody, querystring: flags('verbose', 'normalize') },
  }, async (request) => toWire(
    await deps.schemas.check(registry(request), request.params.subject, parseVersion(request.params.version), request.body), flag(request.query.verbose),
  ));
}
