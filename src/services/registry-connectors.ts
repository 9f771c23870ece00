// How Cirrus's own connectors reach their environment's Schema Registry (issue 14): with a
// credential of their own, not a user's key. A user's registry key can be deleted or lose its
// role while connectors run, and a managed connector on Confluent Cloud needs none either. The
// secret is a keyed hash of the registry id (the master key's `registry-connectors` key), so it
// is never stored, differs per registry, and the converters get it through the engine-secret
// files like every other secret. It may read and register schemas, nothing else (no config or
// mode changes, no deletes: apis/schema-registry/index.ts).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { registryEndpoint, registryIdOf } from '../core/schema-registry/ids.ts';

/** Not an API key id (those are 16 upper-case characters), so it can never shadow one. */
export const REGISTRY_CONNECTORS_USER = 'cirrus-connectors';

export class RegistryConnectorCredentials {
  constructor(private readonly key: Buffer) {}

  private secretOf(registryId: string): Buffer {
    return createHmac('sha256', this.key).update(registryId, 'utf8').digest();
  }

  /** `user:secret`, as the converters' `basic.auth.user.info` takes it. */
  userInfo(registryId: string): string {
    return `${REGISTRY_CONNECTORS_USER}:${this.secretOf(registryId).toString('base64url')}`;
  }

  matches(user: string, secret: string, registryId: string): boolean {
    if (user !== REGISTRY_CONNECTORS_USER) return false;
    const expected = this.secretOf(registryId);
    const given = Buffer.from(secret, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * What a connector of the environment is configured with; undefined while Cirrus does not
   * listen yet (the reconciler tries the connector again on its next pass).
   */
  forEnvironment(environmentId: string, selfUrl: string | undefined): { url: string; userInfo: string } | undefined {
    if (!selfUrl) return undefined;
    const registryId = registryIdOf(environmentId);
    return { url: registryEndpoint(selfUrl, registryId), userInfo: this.userInfo(registryId) };
  }
}

/** The URL this process answers on, as a worker on this host reaches it (a wildcard address is loopback there). */
export function selfUrlOf(address: string | { address: string; port: number } | null | undefined): string | undefined {
  if (!address || typeof address === 'string') return undefined;
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
