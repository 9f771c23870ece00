// /subjects: list, register (POST …/versions), lookup (POST /subjects/{subject}), delete.
// One route per function; the file holds the subject-level operations together (C1, see index.ts).
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../caller.ts';
import { OPERATIONS } from '../operations.ts';
import { flag, flags, readable, registry, schemaBody, subjectParams, toWireSubjectSchema, type RegistryDeps, type SchemaBody } from './wire.ts';

type Subject = { Params: { subject: string } };

export async function listSubjects(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.get<{ Querystring: { subjectPrefix?: string; deleted?: string } }>('/subjects', {
    config: { operation: OPERATIONS.registrySubjectList }, schema: { querystring: flags('subjectPrefix', 'deleted', 'deletedOnly') },
  }, async (request) => (await deps.subjects.subjects(registry(request), { prefix: request.query.subjectPrefix, deleted: flag(request.query.deleted) })).filter(readable(request)));
}

export async function registerSchema(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.post<Subject & { Body: SchemaBody }>('/subjects/:subject/versions', {
    config: { operation: OPERATIONS.registrySubjectRegister }, schema: { params: subjectParams, body: schemaBody, querystring: flags('normalize') },
  }, async (request) => {
    const registered = await deps.subjects.register(registry(request), request.params.subject, request.body, actorOf(request));
    return toWireSubjectSchema(registered);
  });
}

export async function lookupSchema(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.post<Subject & { Body: SchemaBody; Querystring: { deleted?: string } }>('/subjects/:subject', {
    config: { operation: OPERATIONS.registrySubjectLookup }, schema: { params: subjectParams, body: schemaBody, querystring: flags('deleted', 'normalize') },
  }, async (request) => toWireSubjectSchema(await deps.subjects.lookup(registry(request), request.params.subject, request.body, flag(request.query.deleted))));
}

export async function deleteSubject(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.delete<Subject & { Querystring: { permanent?: string } }>('/subjects/:subject', {
    config: { operation: OPERATIONS.registrySubjectDelete }, schema: { params: subjectParams, querystring: flags('permanent') },
  }, async (request) => deps.deletes.deleteSubject(registry(request), request.params.subject, flag(request.query.permanent), actorOf(request)));
}
