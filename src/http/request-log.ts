// What a request line in the log says of a request: Fastify's own fields, with the URL's
// credentials blanked. A GCP/Azure upload_url carries its signed policy in the query string (a
// one-hour key to write one upload), and a log line must never hold a secret (C14).
import type { FastifyInstance, FastifyRequest } from 'fastify';

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

/** Each request's logger serializes its request as above. */
export function logRequestsSafely(app: FastifyInstance): void {
  app.setChildLoggerFactory((logger, bindings, options) => logger.child(bindings, { ...options, serializers: { ...options.serializers, req: requestForLog } }));
}
