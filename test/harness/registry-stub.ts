// A stand-in Schema Registry with the four routes our converters call (jvm/schema-converters):
// register, look up by id, Basic auth with one key, served under a path prefix, Confluent's error
// shape. For tests and benches of the converters on the real engine; the registry Cirrus serves is
// tested on its own.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RegistryStub {
  url: string;
  userInfo: string;
  calls: { method: string; path: string; authorization?: string }[];
  close(): Promise<void>;
}

const PREFIX = '/schema-registry/lsrc-stub';

export async function startRegistryStub(userInfo = 'SRKEY:stub-registry-secret'): Promise<RegistryStub> {
  const calls: RegistryStub['calls'] = [];
  const schemas: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://registry').pathname.slice(PREFIX.length);
      calls.push({ method: req.method ?? '', path, authorization: req.headers.authorization });
      const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' }).end(JSON.stringify(body));
      if (req.headers.authorization !== `Basic ${Buffer.from(userInfo).toString('base64')}`) return send(401, { error_code: 40101, message: 'Unauthorized' });
      const byId = /^\/schemas\/ids\/(\d+)$/.exec(path);
      const stored = byId ? schemas[Number(byId[1]) - 1] : undefined;
      if (req.method === 'GET' && stored) return send(200, { schema: stored });
      if (req.method === 'POST' && /^\/subjects\/[^/]+\/versions$/.test(path)) {
        const { schema } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { schema: string };
        if (!schemas.includes(schema)) schemas.push(schema);
        return send(200, { id: schemas.indexOf(schema) + 1 });
      }
      return send(404, { error_code: 40401, message: 'Subject not found.' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PREFIX}`, userInfo, calls,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** The value.converter settings that point one of our converters at the stub. */
export function converterConfig(converter: string, registry: RegistryStub): Record<string, string> {
  return {
    'value.converter': converter,
    'value.converter.schema.registry.url': registry.url,
    'value.converter.basic.auth.credentials.source': 'USER_INFO',
    'value.converter.basic.auth.user.info': registry.userInfo,
  };
}
