// The Kafka Connect REST URL of an external pool (the cmk/v2 `spec.cirrus.connect_url`
// extension). Cirrus calls it on every reconcile pass, so it is parsed strictly: an origin and
// nothing else, never a link-local or cloud metadata address.
import { InvalidRequest } from './errors.ts';

const POINTER = '/spec/cirrus/connect_url';
export const METADATA_HOSTS: ReadonlySet<string> = new Set(['metadata', 'metadata.google.internal', 'metadata.azure.internal']);

/** The URL as Cirrus will call it (`http(s)://host[:port]`), or a 400 saying what is wrong. */
export function parseConnectUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidRequest('spec.cirrus.connect_url must be an absolute http(s) URL', POINTER);
  }
  const refuse = (why: string) => {
    throw new InvalidRequest(`spec.cirrus.connect_url ${why}`, POINTER);
  };
  if (url.protocol !== 'http:' && url.protocol !== 'https:') refuse('must use http or https');
  if (url.username || url.password || raw.includes('@')) refuse('must not carry credentials');
  if (raw.includes('?') || raw.includes('#')) refuse('must not carry a query or a fragment');
  if (url.pathname !== '/') refuse('must be the Connect REST root: scheme, host and port only');
  if (isLinkLocal(url.hostname) || METADATA_HOSTS.has(url.hostname)) refuse('must not point at a link-local or metadata address');
  return url.origin;
}

export function isLinkLocal(hostname: string): boolean {
  if (/^169\.254\.\d+\.\d+$/.test(hostname)) return true;
  const v6 = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return /^fe[89ab][0-9a-f]?:/.test(v6) || v6.startsWith('::ffff:169.254.') || v6.startsWith('::ffff:a9fe:');
}

/**
 * Which listener a URL reaches, for telling two pools apart: loopback spellings are one host,
 * and the scheme does not matter (http and https on one port are one listener).
 */
export function listenerKey(origin: string): string {
  const url = new URL(origin);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopback = isLoopback(host);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${loopback ? 'loopback' : host}:${port}`;
}

/** Loopback and unspecified addresses, which reach this host's own listeners. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1' || host === '0.0.0.0' || host === '::'
    || host.startsWith('::ffff:127.') || host.startsWith('::ffff:7f');
}
