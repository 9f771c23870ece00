// Paging of the descriptor lists (CONTRACT §5.6, metrics): page_size 1–1000 (default 100), an
// opaque page_token, `meta.pagination` with total_size and next_page_token, no links.
import { InvalidRequest } from '../../../core/errors.ts';
import { decodePageToken, encodePageToken, fingerprint } from '../../../core/metrics/page-token.ts';

export const pageQuery = {
  page_size: { type: 'string' }, page_token: { type: 'string', maxLength: 255 },
} as const;

export const paginationSchema = {
  type: 'object',
  required: ['pagination'],
  properties: {
    pagination: { type: 'object', required: ['page_size'], properties: { page_size: { type: 'integer' }, total_size: { type: 'integer' }, next_page_token: { type: 'string' } } },
  },
} as const;

export const labelSchema = {
  type: 'object', required: ['key', 'description'], properties: { key: { type: 'string' }, description: { type: 'string' }, exportable: { type: 'boolean' } },
} as const;

export function pageOf<T>(all: readonly T[], query: { page_size?: string; page_token?: string }, list: string) {
  const size = query.page_size === undefined ? 100 : Number(query.page_size);
  if (!/^\d+$/.test(query.page_size ?? '100') || size < 1 || size > 1000) throw new InvalidRequest('page_size must be an integer from 1 to 1000', undefined, 'page_size');
  const print = fingerprint(list);
  const offset = decodePageToken(query.page_token, print);
  const pagination: { page_size: number; total_size: number; next_page_token?: string } = { page_size: size, total_size: all.length };
  if (offset + size < all.length) pagination.next_page_token = encodePageToken(offset + size, print);
  return { data: all.slice(offset, offset + size), meta: { pagination } };
}
