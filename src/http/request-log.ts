// What a request line in the log says of a request: Fastify's own fields, with the URL's
// credentials blanked. A GCP/Azure upload_url carries its signed policy in the query string (a
// one-hour key to write one upload), and a log line must never hold a secret (C14).
import { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Bindings, ChildLoggerOptions, LogFn, Logger } from 'pino';
import { ACCESS_LEVEL, accessLineWriter, type AccessLineWriter } from '../logging.ts';

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
 * With src/logging.ts's logger the line is built here from the safe fields above and written as
 * it is (no pino object walk, no redaction pass); its fields are those pino would have written.
 * Errors keep Fastify's own line at error level.
 */
export class OneLinePerRequest extends LogController {
  private readonly level: string;
  private readonly write: AccessLineWriter | undefined;

  constructor(logger: Logger) {
    super();
    this.level = ACCESS_LEVEL.name in logger.levels.values ? ACCESS_LEVEL.name : 'info';
    this.write = accessLineWriter(logger);
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) return super.requestCompleted(error, request, reply);
    if (this.write) {
      this.write(`"reqId":${JSON.stringify(request.id)},"req":${JSON.stringify(requestForLog(request))},"res":{"statusCode":${reply.statusCode}},"responseTime":${reply.elapsedTime},"msg":"request completed"`);
      return;
    }
    (reply.log as unknown as Record<string, LogFn>)[this.level]!({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

type Args = [obj: unknown, msg?: string, ...args: unknown[]];

/**
 * A request's logger, made only when the request logs something besides its access line (an
 * error, a rejection): Fastify asks for one per request, and a pino child per request was 2 % of
 * a status read (issue 13). It logs exactly as that child would.
 */
class RequestLogger {
  private made: Logger | undefined;

  constructor(private readonly parent: Logger, private readonly bindings: Bindings, private readonly options: ChildLoggerOptions) {}

  get level(): string {
    return this.parent.level;
  }

  fatal(...args: Args): void { this.log('fatal', args); }
  error(...args: Args): void { this.log('error', args); }
  warn(...args: Args): void { this.log('warn', args); }
  info(...args: Args): void { this.log('info', args); }
  debug(...args: Args): void { this.log('debug', args); }
  trace(...args: Args): void { this.log('trace', args); }
  /** The access level (src/logging.ts), when its line goes through pino (a level that drops it). */
  access(...args: Args): void { this.log(ACCESS_LEVEL.name, args); }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.logger().child(bindings, options);
  }

  private log(level: string, args: Args): void {
    (this.logger() as unknown as Record<string, (...a: Args) => void>)[level]!(...args);
  }

  private logger(): Logger {
    return (this.made ??= this.parent.child(this.bindings, { ...this.options, serializers: { ...this.options.serializers, req: requestForLog } }));
  }
}

/** Each request's logger serializes its request as above. */
export function logRequestsSafely(app: FastifyInstance): void {
  app.setChildLoggerFactory((logger, bindings, options) => new RequestLogger(logger as unknown as Logger, bindings, options) as unknown as FastifyBaseLogger);
}
