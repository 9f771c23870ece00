// The places a managed connector is told to reach: database hosts, HTTP endpoints, an S3
// store. Any of them is an attack on the host until shown otherwise (issue 7): never a
// link-local or cloud metadata address, and HTTP never this host's loopback, where Cirrus's own
// listeners (API, brokers, Connect REST) are, unless the operator allows it.
import { isLinkLocal, isLoopback, METADATA_HOSTS } from '../connect-url.ts';
import type { ValidationContext } from './types.ts';

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*$/;
const IPV6 = /^\[?[0-9A-Fa-f:.]+\]?$/;

/** A database or broker host: a name or an address, never a link-local or metadata one. */
export function hostProblem(value: string): string | undefined {
  const host = value.trim();
  if (!HOSTNAME.test(host) && !(host.includes(':') && IPV6.test(host))) return `"${value}" is not a host name or address`;
  if (isLinkLocal(host.toLowerCase()) || METADATA_HOSTS.has(host.toLowerCase())) return 'Link-local and metadata addresses are not allowed';
  return undefined;
}

export function portProblem(value: string): string | undefined {
  const n = Number(value);
  return /^\d+$/.test(value.trim()) && n >= 1 && n <= 65535 ? undefined : `Invalid value ${value}: a port is 1 to 65535`;
}

/** An http(s) URL a connector calls: absolute, no credentials in it, not at this host unless allowed. */
export function httpEndpointProblem(value: string, _config: unknown, context: ValidationContext): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return `"${value}" is not an absolute http(s) URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The URL must use http or https';
  if (url.username || url.password) return 'Credentials do not belong in the URL; use the authentication keys';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLinkLocal(host) || METADATA_HOSTS.has(host)) return 'Link-local and metadata addresses are not allowed';
  if (isLoopback(host) && !context.allowLoopbackEgress) return 'This host\'s loopback is not allowed (the operator can allow it with CIRRUS_EGRESS_LOOPBACK=true)';
  return undefined;
}
