// Every route must name an operation that has a policy: a route nobody classified fails the
// boot instead of going out unguarded. The catalog also lets tests walk every route, and tells
// a 404 handler which methods a path does have (a 405 with Allow, issue 7.26).
import type { FastifyInstance } from 'fastify';
import { policyOf } from '../../apis/policy.ts';

export interface CatalogEntry {
  method: string;
  url: string;
  operation: string;
}

/** A route URL (`/x/:id/y`) as a matcher of concrete paths, and the methods registered on it. */
interface PathMethods {
  pattern: RegExp;
  methods: Set<string>;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeCatalog: CatalogEntry[];
    routePaths: Map<string, PathMethods>;
  }
}

function matcherOf(url: string): RegExp {
  // Fastify params match one path segment, a trailing `*` the rest of the path; everything else is literal.
  const wildcard = url.endsWith('*');
  const fixed = wildcard ? url.slice(0, -1) : url;
  const source = fixed.split(/(:[A-Za-z0-9_]+)/).map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('') + (wildcard ? '.*' : '');
  return new RegExp(`^${source}$`);
}

export function requireAPolicyPerRoute(app: FastifyInstance): void {
  app.decorate('routeCatalog', []);
  app.decorate('routePaths', new Map());
  app.addHook('onRoute', (route) => {
    const operation = route.config?.operation;
    const all = [route.method].flat();
    const methods = all.filter((m) => m !== 'HEAD');
    if (!policyOf(operation)) throw new Error(`route ${methods.join(',')} ${route.url} has no operation with a policy (apis/policy.ts)`);
    for (const method of methods) app.routeCatalog.push({ method, url: route.url, operation: operation! });
    const entry = app.routePaths.get(route.url) ?? { pattern: matcherOf(route.url), methods: new Set<string>() };
    for (const method of all) entry.methods.add(method);
    app.routePaths.set(route.url, entry);
  });
}

/** The methods routes answer on this path (query ignored), sorted; empty when none matches. */
export function methodsAt(app: FastifyInstance, url: string): string[] {
  const path = url.split('?')[0] ?? '';
  const methods = new Set<string>();
  // An app built without the catalog (a plugin tested on its own) knows no paths: plain 404s.
  const paths: Map<string, PathMethods> | undefined = app.routePaths;
  for (const { pattern, methods: ms } of paths?.values() ?? []) if (pattern.test(path)) ms.forEach((m) => methods.add(m));
  return [...methods].sort();
}
