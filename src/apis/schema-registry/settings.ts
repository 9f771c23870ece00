// /config and /mode, registry-wide and per subject: read (a subject's with ?defaultToGlobal),
// update, and remove a subject's own setting (it then follows the registry's again).
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../caller.ts';
import { OPERATIONS } from '../operations.ts';
import { flag, flags, registry, subjectParams, text, type RegistryDeps } from './wire.ts';

type Subject = { Params: { subject: string } };
// Types are checked by the service (core/schema-registry/config.ts), in the registry's codes.
const configBody = { type: 'object' } as const;
type ConfigUpdate = { Body: Record<string, unknown> };
const modeBody = { type: 'object', required: ['mode'], properties: { mode: text } } as const;

export async function configRoutes(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.get('/config', { config: { operation: OPERATIONS.registryConfigRead } }, async (request) => deps.settings.config(registry(request)));
  app.put<ConfigUpdate>('/config', { config: { operation: OPERATIONS.registryConfigUpdate }, schema: { body: configBody } }, async (request) =>
    deps.settings.setConfig(registry(request), undefined, request.body ?? {}, actorOf(request)));
  app.get<Subject & { Querystring: { defaultToGlobal?: string } }>('/config/:subject', {
    config: { operation: OPERATIONS.registrySubjectConfigRead }, schema: { params: subjectParams, querystring: flags('defaultToGlobal') },
  }, async (request) => deps.settings.config(registry(request), request.params.subject, flag(request.query.defaultToGlobal)));
  app.put<Subject & ConfigUpdate>('/config/:subject', {
    config: { operation: OPERATIONS.registrySubjectConfigUpdate }, schema: { params: subjectParams, body: configBody },
  }, async (request) => deps.settings.setConfig(registry(request), request.params.subject, request.body ?? {}, actorOf(request)));
  // The spec answers the level it had as a bare JSON string here (unlike DELETE /mode/{subject}).
  app.delete<Subject>('/config/:subject', { config: { operation: OPERATIONS.registrySubjectConfigDelete }, schema: { params: subjectParams } }, async (request, reply) =>
    reply.type('application/json').send(JSON.stringify(await deps.settings.deleteConfig(registry(request), request.params.subject, actorOf(request)))));
  app.delete('/config', { config: { operation: OPERATIONS.registryConfigDelete } }, async (request, reply) =>
    reply.type('application/json').send(JSON.stringify(await deps.settings.deleteConfig(registry(request), undefined, actorOf(request)))));
}

export async function modeRoutes(app: FastifyInstance, deps: RegistryDeps): Promise<void> {
  app.get('/mode', { config: { operation: OPERATIONS.registryModeRead } }, async (request) => ({ mode: await deps.settings.mode(registry(request)) }));
  app.put<{ Body: { mode: string } }>('/mode', { config: { operation: OPERATIONS.registryModeUpdate }, schema: { body: modeBody, querystring: flags('force') } }, async (request) =>
    ({ mode: await deps.settings.setMode(registry(request), undefined, request.body.mode, actorOf(request)) }));
  app.get<Subject & { Querystring: { defaultToGlobal?: string } }>('/mode/:subject', {
    config: { operation: OPERATIONS.registrySubjectModeRead }, schema: { params: subjectParams, querystring: flags('defaultToGlobal') },
  }, async (request) => ({ mode: await deps.settings.mode(registry(request), request.params.subject, flag(request.query.defaultToGlobal)) }));
  app.put<Subject & { Body: { mode: string } }>('/mode/:subject', {
    config: { operation: OPERATIONS.registrySubjectModeUpdate }, schema: { params: subjectParams, body: modeBody, querystring: flags('force') },
  }, async (request) => ({ mode: await deps.settings.setMode(registry(request), request.params.subject, request.body.mode, actorOf(request)) }));
  app.delete<Subject>('/mode/:subject', { config: { operation: OPERATIONS.registrySubjectModeDelete }, schema: { params: subjectParams } }, async (request) =>
    ({ mode: await deps.settings.deleteMode(registry(request), request.params.subject, actorOf(request)) }));
}
