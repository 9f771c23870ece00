// Installs one family's renderer as the error and 404 handler of a Fastify context (C9).
// Internal errors are logged with the request id; clients get only the safe message. A path that
// exists with other methods answers 405 with Allow (RFC 9110 §15.5.6), in the family's shape.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../../core/errors.ts';
import { methodsAt } from '../plugins/route-catalog.ts';
import { MethodNotAllowed, WWW_AUTHENTICATE, type ClassifiedError } from './classify.ts';

export interface RenderedError {
  status: number;
  body: Record<string, unknown> | undefined;
  classified: ClassifiedError;
}

export type Renderer = (err: unknown, requestId: string) => RenderedError;

export function sendError(request: FastifyRequest, reply: FastifyReply, err: unknown, render: Renderer): FastifyReply {
  const rendered = render(err, request.id);
  if (rendered.classified.kind === 'internal') {
    request.log.error({ err }, 'request failed');
  } else {
    request.log.info({ status: rendered.status, kind: rendered.classified.kind }, 'request rejected');
  }
  if (rendered.status === 401) reply.header('WWW-Authenticate', WWW_AUTHENTICATE);
  if (rendered.classified.allow) reply.header('Allow', rendered.classified.allow.join(', '));
  if (rendered.classified.retryAfterSeconds !== undefined) reply.header('Retry-After', String(rendered.classified.retryAfterSeconds));
  reply.code(rendered.status);
  if (rendered.body === undefined) return reply.send();
  return reply.type('application/json; charset=utf-8').send(rendered.body);
}

/**
 * `notFound: false` for a family that shares its path prefix with another (the connect/v1
 * custom-plugin routes under /connect/v1): Fastify keeps one 404 handler per prefix.
 */
export function useErrorFamily(context: FastifyInstance, render: Renderer, options: { notFound?: boolean } = {}): void {
  context.setErrorHandler((err, request, reply) => sendError(request, reply, err, render));
  if (options.notFound === false) return;
  context.setNotFoundHandler((request, reply) => {
    const allow = methodsAt(request.server, request.url);
    return sendError(request, reply, allow.length > 0 ? new MethodNotAllowed(request.method, allow) : new NotFound(), render);
  });
}
