// Every route must name an operation that has a policy: a route nobody classified fails the
// boot instead of going out unguarded. The catalog also lets tests walk every route.
import type { FastifyInstance } from 'fastify';
import { policyOf } from '../../apis/policy.ts';

export interface CatalogEntry {
  method: string;
  url: string;
  operation: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeCatalog: CatalogEntry[];
  }
}

export function requireAPolicyPerRoute(app: FastifyInstance): void {
  app.decorate('routeCatalog', []);
  app.addHook('onRoute', (route) => {
    const operation = route.config?.operation;
    const methods = [route.method].flat().filter((m) => m !== 'HEAD');
    if (!policyOf(operation)) throw new Error(`route ${methods.join(',')} ${route.url} has no operation with a policy (apis/policy.ts)`);
    for (const method of methods) app.routeCatalog.push({ method, url: route.url, operation: operation! });
  });
}
