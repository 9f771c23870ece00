// Resolves the host names a connector config names before it is validated
// (core/catalog/endpoints.ts), with the system resolver, so /etc/hosts counts as DNS does: a name
// is refused for what it stands for, not only for how it is spelled. Bounded: a name that does
// not answer in time, or not at all, is left out (the connector will fail to reach it, or reach
// what it reaches then; the engine-side guard is the last line).
import dns from 'node:dns/promises';

const LOOKUP_TIMEOUT_MS = 2_000;
const MAX_NAMES = 8;
// A form validating as the user types asks about the same names again and again; answers
// (none included) are kept briefly, in a map cleared when it grows past a bound.
const CACHE_MS = 30_000;
const CACHE_ENTRIES = 1_000;
const cache = new Map<string, { at: number; addresses: string[] }>();

async function lookup(name: string): Promise<string[]> {
  const cached = cache.get(name);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.addresses;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), LOOKUP_TIMEOUT_MS); });
  let addresses: string[] = [];
  try {
    const found = await Promise.race([dns.lookup(name, { all: true, verbatim: true }), timeout]);
    addresses = (found ?? []).map((a) => a.address.toLowerCase());
  } catch {
    // Not resolvable now: nothing to judge it by.
  } finally {
    clearTimeout(timer);
  }
  if (cache.size >= CACHE_ENTRIES) cache.clear();
  cache.set(name, { at: Date.now(), addresses });
  return addresses;
}

export async function resolveHostNames(names: readonly string[]): Promise<Map<string, string[]>> {
  const resolved = new Map<string, string[]>();
  await Promise.all(names.slice(0, MAX_NAMES).map(async (name) => {
    const addresses = await lookup(name);
    if (addresses.length > 0) resolved.set(name, addresses);
  }));
  return resolved;
}
