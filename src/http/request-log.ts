// What a request line in the log says of a request: Fastify's own fields, with the URL's
// credentials blanked. A GCP/Azure upload_url carries its signed policy in the query string (a
// one-hour key to write one upload), and a log line must never hold a secret (C14).
import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { LogFn, Logger } from 'pino';
import { ACCESS_LEVEL } from '../logging.ts';

const SECRET_PARAMS = ['policy', 'x-amz-signature', 'x-amz-credential', 'x-amz-security-token'];

export function urlForLog(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = new URLSearchParams(url.slice(at + 1));
  for (const name of [...query.keys()]) if (SECRET_PARAMS.includes(name.toLowerCase())) query.set(name, '[redacted]');
  return `${url.slice(0, at)}?${query.toString()}`;
}

function requestForLog(request: FastifyRequest) {
  return { method: request.method, url: urlForLog(request.url), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}

/**
 * One line per answered request, in place of Fastify's two (incoming, completed), at the access
 * level when the logger has it (src/logging.ts: kept off stdout), else at info (tests' loggers).
 * Errors keep Fastify's own line at error level.
 */
export class OneLinePerRequest extends LogController {
  private readonly level: string;

  constructor(logger: Logger) {
    super();
    this.level = ACCESS_LEVEL.name in logger.levels.values ? ACCESS_LEVEL.name : 'info';
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) return super.requestCompleted(error, request, reply);
    (reply.log as unknown as Record<string, LogFn>)[this.level]!({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** Each request's logger serializes its request as above. */
export function logRequestsSafely(app: FastifyInstance): void {
  app.setChildLoggerFactory((logger, bindings, options) => logger.child(bindings, { ...options, serializers: { ...options.serializers, req: requestForLog } }));
}
