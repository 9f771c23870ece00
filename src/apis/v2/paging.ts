// v2 paging (CONTRACT §5.6): page_size 1–100 (default 10), an opaque page_token, and list
// envelopes whose `next` carries the caller's filters.
import type { FastifyRequest } from 'fastify';
import { InvalidRequest } from '../../core/errors.ts';

export interface Page {
  size: number;
  offset: number;
}

export function parsePage(query: unknown): Page {
  const q = (query ?? {}) as Record<string, unknown>;
  const rawSize = q.page_size;
  const size = rawSize === undefined ? 10 : Number(rawSize);
  if (!Number.isInteger(size) || size < 1 || size > 100) throw new InvalidRequest('page_size must be an integer from 1 to 100', undefined, 'page_size');
  const token = q.page_token;
  if (token === undefined || token === '') return { size, offset: 0 };
  const decoded = typeof token === 'string' && /^[A-Za-z0-9_-]{1,255}$/.test(token) ? Buffer.from(token, 'base64url').toString('utf8') : '';
  const offset = /^o:\d+$/.test(decoded) ? Number(decoded.slice(2)) : NaN;
  if (!Number.isSafeInteger(offset)) throw new InvalidRequest('page_token is invalid or expired', undefined, 'page_token');
  return { size, offset };
}

export function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** `{api_version, kind: <Kind>List, metadata: {first, next?, total_size}, data}` for one page. */
export function listEnvelope<T>(request: FastifyRequest, apiVersion: string, kind: string, all: T[], page: Page) {
  const url = new URL(request.url, baseUrl(request));
  url.searchParams.delete('page_token');
  const first = url.toString();
  const data = all.slice(page.offset, page.offset + page.size);
  const metadata: Record<string, unknown> = { first, total_size: all.length };
  if (page.offset + page.size < all.length) {
    url.searchParams.set('page_token', Buffer.from(`o:${page.offset + page.size}`).toString('base64url'));
    metadata.next = url.toString();
  }
  return { api_version: apiVersion, kind: `${kind}List`, metadata, data };
}

export function objectMetadata(request: FastifyRequest, path: string, resourceName: string, times: { createdAt: string; updatedAt: string }) {
  return { self: `${baseUrl(request)}${path}`, resource_name: resourceName, created_at: times.createdAt, updated_at: times.updatedAt };
}
