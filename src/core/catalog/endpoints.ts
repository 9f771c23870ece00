// The places a managed connector is told to reach: database hosts, HTTP endpoints, an S3
// store. Any of them is an attack on the host until shown otherwise (issue 7): never a
// link-local or cloud metadata address, and HTTP never this host's loopback, where Cirrus's own
// listeners (API, brokers, Connect REST) are, unless the operator allows it.
import { isLinkLocal, isLoopback, METADATA_HOSTS } from '../connect-url.ts';
import type { ConfigKeyDefinition, EngineContext, ValidationContext } from './types.ts';

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*$/;
const IPV6 = /^\[?[0-9A-Fa-f:.]+\]?$/;

const LINK_LOCAL = 'Link-local and metadata addresses are not allowed';

/** The host's name and every address it resolved to (ValidationContext.resolved). */
function addressesOf(host: string, context: ValidationContext | undefined): string[] {
  return [host, ...context?.resolved?.get(host) ?? [], ...context?.resolved?.get(`${host}.`) ?? []];
}

/** The host, any address it stands for, is never link-local or metadata; loopback only when `loopback` says so. */
function egressProblem(name: string, context: ValidationContext | undefined, loopback: boolean): string | undefined {
  // `localhost.` is `localhost`: a fully qualified name's final dot changes nothing it resolves to.
  const host = name.replace(/\.$/, '');
  const addresses = addressesOf(host, context);
  const linkLocal = addresses.find((a) => isLinkLocal(a) || METADATA_HOSTS.has(a));
  if (linkLocal !== undefined) return linkLocal === host ? LINK_LOCAL : `"${host}" resolves to ${linkLocal}, a link-local address, which is not allowed`;
  if (loopback || !addresses.some(isLoopback)) return undefined;
  const how = isLoopback(host) ? 'This host\'s loopback' : `"${host}" resolves to this host's loopback, which`;
  return `${how} is not allowed (the operator can allow it with CIRRUS_EGRESS_LOOPBACK=true)`;
}

/** A database or broker host: a name or an address, never a link-local or metadata one (loopback is fine: a local database). */
export function hostProblem(value: string, _config?: unknown, context?: ValidationContext): string | undefined {
  const host = value.trim();
  if (!HOSTNAME.test(host) && !(host.includes(':') && IPV6.test(host))) return `"${value}" is not a host name or address`;
  return egressProblem(host.toLowerCase(), context, true);
}

/** The host a URL names, as resolved: lower case, IPv6 without brackets; undefined when not a URL. */
export function urlHost(value: string): string | undefined {
  try {
    return new URL(value.trim()).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
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
  return egressProblem(urlHost(value)!, context, context.allowLoopbackEgress);
}

/** Host names (not address literals) the config's egress keys name: what to resolve before validating it. */
export function egressHostNames(definitions: readonly ConfigKeyDefinition[], config: Readonly<Record<string, string>>): string[] {
  const names = definitions.flatMap((d) => {
    const value = config[d.name]?.trim();
    if (!d.egress || !value) return [];
    const host = (d.egress === 'url' ? urlHost(value) : value.toLowerCase())?.replace(/\.$/, '');
    return host && HOSTNAME.test(host) && !/^[\d.]+$/.test(host) ? [host] : [];
  });
  return [...new Set(names)];
}

/**
 * What tells a connector's engine that it may call this host's loopback: the engine re-checks each
 * request's address (jvm/egress EgressGuard, DNS rebinding) and refuses loopback unless told. Only
 * when allowed, so a connector created over Connect's own REST API refuses by default.
 */
export function egressEngineConfig(context: EngineContext): Record<string, string> {
  return context.allowLoopbackEgress ? { 'cirrus.egress.loopback': 'true' } : {};
}
