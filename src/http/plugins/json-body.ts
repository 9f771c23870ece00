// Bodies are JSON whatever the content type says: `curl --data @file.json` without `-H` sends
// application/x-www-form-urlencoded (CONTRACT §5.1). An empty body is "no body".
import type { FastifyInstance } from 'fastify';
import { InvalidRequest } from '../../core/errors.ts';

export function parseEveryBodyAsJson(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new InvalidRequest('The request body is not valid JSON'), undefined);
    }
  });
}
