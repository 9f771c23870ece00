// /schemas: by global id (with its subjects and subject versions), the bare text, and the types.
import type { FastifyInstance } from 'fastify';
import { SCHEMA_TYPES } from '../../core/schema-registry/model.ts';
import { OPERATIONS } from '../operations.ts';
import { flag, flags, idParams, readable, registry, toWireSchema, toWireSubjectSchema, type RegistryDeps } from './wire.ts';

type ListQuery = { Querystring: { subjectPrefix?: string; deleted?: string; latestOnly?: string; offset?: string; limit?: string } };
/** A paging number as given, or the default when it is not one (the spec declares no 4xx for it that a client could act on). */
const paging = (value: string | undefined, otherwise: number) => (/^-?[0-9]{1,9}$/.test(value ?? '') ? Number(value) : otherwise);

/** GET /schemas: subject versions with their schemas, by subject prefix (aliases and rule types: none are kept). */
export async function listSchemas(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.get<ListQuery>('/schemas', { config: { operation: OPERATIONS.registrySchemaList }, schema: { querystring: flags('subjectPrefix', 'aliases', 'deleted', 'latestOnly', 'ruleType', 'offset', 'limit') } }, async (request) => {
    const q = request.query;
    const found = await deps.schemas.list(registry(request), {
      prefix: q.subjectPrefix ?? '', deleted: flag(q.deleted), latestOnly: flag(q.latestOnly), offset: paging(q.offset, 0), limit: paging(q.limit, -1),
    }, readable(request));
    return found.map(toWireSubjectSchema);
  });
}

type ById = { Params: { id: string }; Querystring: { subject?: string; deleted?: string } };

export async function readSchema(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.get<ById>('/schemas/ids/:id', {
    config: { operation: OPERATIONS.registrySchemaRead }, schema: { params: idParams, querystring: flags('subject', 'format', 'referenceFormat', 'fetchMaxId') },
  }, async (request) => toWireSchema(await deps.schemas.byId(registry(request), Number(request.params.id), request.query.subject, readable(request))));
}

export async function readSchemaText(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.get<ById>('/schemas/ids/:id/schema', {
    config: { operation: OPERATIONS.registrySchemaText }, schema: { params: idParams, querystring: flags('subject', 'format') },
  }, async (request, reply) => {
    const schema = await deps.schemas.byId(registry(request), Number(request.params.id), request.query.subject, readable(request));
    return reply.type('application/vnd.schemaregistry.v1+json').send(schema.schema);
  });
}

export async function schemaSubjects(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.get<ById>('/schemas/ids/:id/subjects', {
    config: { operation: OPERATIONS.registrySchemaSubjects }, schema: { params: idParams, querystring: flags('subject', 'deleted') },
  }, async (request) => deps.schemas.subjectsOf(registry(request), Number(request.params.id), flag(request.query.deleted), readable(request)));
}

export async function schemaVersions(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.get<ById>('/schemas/ids/:id/versions', {
    config: { operation: OPERATIONS.registrySchemaVersions }, schema: { params: idParams, querystring: flags('subject', 'deleted') },
  }, async (request) => deps.schemas.subjectVersionsOf(registry(request), Number(request.params.id), flag(request.query.deleted), readable(request)));
}

export async function schemaTypes(app: FastifyInstance): Promise<void> {
  app.get('/schemas/types', { config: { operation: OPERATIONS.registrySchemaTypes } }, async () => [...SCHEMA_TYPES]);
}
