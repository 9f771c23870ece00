// Whether connectors can use the environment's Schema Registry, asked when a connector config
// names a format that needs it (AVRO, JSON_SR, PROTOBUF): one GET with the connectors' own
// credential to the URL their converters will call, so validate reports a registry that does not
// answer, or refuses that credential, on the format key rather than a task failing later.
const PROBE_TIMEOUT_MS = 2_000;
// A form validating as the user types asks again and again; a good answer is kept briefly.
const OK_FOR_MS = 30_000;

export type RegistryOf = (environmentId: string) => { url: string; userInfo: string } | undefined;

export class RegistryProbe {
  private readonly okUntil = new Map<string, number>();

  constructor(private readonly registryOf: RegistryOf, private readonly now: () => number = Date.now) {}

  /** What is wrong with reaching the registry, or undefined (also while Cirrus does not listen yet: nothing to ask). */
  async problem(environmentId: string): Promise<string | undefined> {
    const registry = this.registryOf(environmentId);
    if (!registry) return undefined;
    if ((this.okUntil.get(registry.url) ?? 0) > this.now()) return undefined;
    const problem = await this.ask(registry.url, registry.userInfo);
    if (problem === undefined) {
      if (this.okUntil.size > 1_000) this.okUntil.clear();
      this.okUntil.set(registry.url, this.now() + OK_FOR_MS);
    }
    return problem;
  }

  private async ask(url: string, userInfo: string): Promise<string | undefined> {
    try {
      const res = await fetch(`${url}/schemas/types`, {
        headers: { authorization: `Basic ${Buffer.from(userInfo).toString('base64')}` },
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      });
      await res.body?.cancel();
      if (res.ok) return undefined;
      if (res.status === 401 || res.status === 403) return `The environment's Schema Registry refused the connectors' credential (HTTP ${res.status})`;
      return `The environment's Schema Registry at ${url} answered HTTP ${res.status}`;
    } catch (err) {
      // The cause's code (ECONNREFUSED, a timeout), never the credential.
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      return `The environment's Schema Registry at ${url} is not reachable (${cause})`;
    }
  }
}
