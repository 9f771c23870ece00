// Identifier formats of the public APIs (CONTRACT §5.1, §4.1). Randomness is a parameter so
// that core stays pure (C10); callers pass crypto.randomBytes.

export type RandomBytes = (size: number) => Uint8Array;

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Prefixes of the resource ids Cirrus issues. */
export const ID_PREFIX = {
  environment: 'env-',
  kafkaCluster: 'lkc-',
  connector: 'lcc-',
  serviceAccount: 'sa-',
  user: 'u-',
  roleBinding: 'rb-',
  pool: 'pool-',
  customPlugin: 'ccp-',
  pluginVersion: 'ccp-ver-',
  schemaRegistry: 'lsrc-',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

const ID_SUFFIX_LENGTH = 6;

/** Uniform characters from `alphabet`: bytes that would bias the modulo are skipped. */
function randomString(random: RandomBytes, alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of random(length * 2)) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export function newId(kind: IdKind, random: RandomBytes): string {
  return ID_PREFIX[kind] + randomString(random, LOWER_ALNUM, ID_SUFFIX_LENGTH);
}

export function hasIdShape(kind: IdKind, value: string): boolean {
  const prefix = ID_PREFIX[kind];
  return value.startsWith(prefix) && /^[a-z0-9]{1,64}$/.test(value.slice(prefix.length));
}

/** API key ids: 16 uppercase alphanumerics, as Confluent Cloud issues them. */
export function newApiKeyId(random: RandomBytes): string {
  return randomString(random, UPPER_ALNUM, 16);
}

export function hasApiKeyIdShape(value: string): boolean {
  return /^[A-Z0-9]{16}$/.test(value);
}

/** API key secrets: 64 characters of the base64 alphabet, i.e. 384 bits of entropy. */
export function newApiKeySecret(random: RandomBytes): string {
  return Buffer.from(random(48)).toString('base64');
}

export function hasApiKeySecretShape(value: string): boolean {
  return /^[A-Za-z0-9+/]{64}$/.test(value);
}

/** Kafka's cluster id for `StorageTool format`: 16 random bytes, base64url without padding. */
export function newKafkaStorageClusterId(random: RandomBytes): string {
  // Like Kafka's own Uuid.randomUuid(): an id starting with '-' would read as a CLI flag.
  for (;;) {
    const id = Buffer.from(random(16)).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
