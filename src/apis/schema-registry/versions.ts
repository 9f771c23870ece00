// /subjects/{subject}/versions…: list, read (a number, `latest` or -1), the bare schema text,
// referencedby, and delete (soft, then ?permanent=true).
import type { FastifyInstance } from 'fastify';
import { parseVersion } from '../../core/schema-registry/model.ts';
import { actorOf } from '../caller.ts';
import { OPERATIONS } from '../operations.ts';
import { flag, flags, registry, subjectParams, toWireSubjectSchema, versionParams, type RegistryDeps } from './wire.ts';

type Version = { Params: { subject: string; version: string } };

export async function listVersions(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.get<{ Params: { subject: string }; Querystring: { deleted?: string } }>('/subjects/:subject/versions', {
    config: { operation: OPERATIONS.registrySubjectVersionList }, schema: { params: subjectParams, querystring: flags('deleted', 'deletedOnly') },
  }, async (request) => deps.subjects.versions(registry(request), request.params.subject, flag(request.query.deleted)));
}

export async function readVersion(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.get<Version & { Querystring: { deleted?: string; format?: string } }>('/subjects/:subject/versions/:version', {
    config: { operation: OPERATIONS.registrySubjectVersionRead }, schema: { params: versionParams, querystring: flags('deleted', 'format', 'referenceFormat') },
  }, async (request) => {
    const { subject, version } = request.params;
    const found = await deps.schemas.versionIn(registry(request), subject, parseVersion(version), flag(request.query.deleted), request.query.format);
    return { ...toWireSubjectSchema(found), ...(found.deleted ? { deleted: true } : {}) };
  });
}

export async function readVersionSchema(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.get<Version & { Querystring: { deleted?: string } }>('/subjects/:subject/versions/:version/schema', {
    config: { operation: OPERATIONS.registrySubjectVersionSchema }, schema: { params: versionParams, querystring: flags('deleted', 'format') },
  }, async (request, reply) => {
    const found = await deps.subjects.version(registry(request), request.params.subject, parseVersion(request.params.version), flag(request.query.deleted));
    // The schema itself, as its JSON (AVRO, JSON) or as text (PROTOBUF).
    return reply.type('application/vnd.schemaregistry.v1+json').send(found.schema);
  });
}

export async function referencedBy(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.get<Version>('/subjects/:subject/versions/:version/referencedby', {
    config: { operation: OPERATIONS.registrySubjectReferencedBy }, schema: { params: versionParams },
  }, async (request) => deps.subjects.referencedBy(registry(request), request.params.subject, parseVersion(request.params.version)));
}

export async function deleteVersion(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.delete<Version & { Querystring: { permanent?: string } }>('/subjects/:subject/versions/:version', {
    config: { operation: OPERATIONS.registrySubjectVersionDelete }, schema: { params: versionParams, querystring: flags('permanent') },
  }, async (request) => deps.deletes.deleteVersion(registry(request), request.params.subject, parseVersion(request.params.version), flag(request.query.permanent), actorOf(request)));
}
