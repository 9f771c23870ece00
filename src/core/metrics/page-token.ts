// Page tokens of the Metrics API (CONTRACT §3.2): opaque to clients, bound to the request they
// page through, so a token sent with another query is refused (400) instead of skipping groups.
import { InvalidRequest } from '../errors.ts';

/** FNV-1a over the request as sent, minus its token: cheap and stable, not a secret. */
export function fingerprint(request: unknown): string {
  const text = JSON.stringify(request) ?? '';
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

function base64url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function encodePageToken(offset: number, print: string): string {
  return base64url(`${offset}.${print}`);
}

/** The offset a token stands for; 0 without one. */
export function decodePageToken(token: unknown, print: string): number {
  if (token === undefined || token === '') return 0;
  let decoded = '';
  try {
    decoded = typeof token === 'string' && /^[A-Za-z0-9_-]{1,255}$/.test(token) ? atob(token.replace(/-/g, '+').replace(/_/g, '/')) : '';
  } catch {
    decoded = '';
  }
  const m = /^(\d{1,9})\.([0-9a-z]+)$/.exec(decoded);
  if (!m || m[2] !== print) throw new InvalidRequest('page_token is invalid or expired', undefined, 'page_token');
  return Number(m[1]);
}
