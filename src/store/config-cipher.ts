// Encryption at rest of a connector's sensitive keys: AES-256-GCM with a key derived from the
// master key. The format carries a version so the scheme can change without a migration.
//
// v2 (issue 7.13) binds each ciphertext to its connector: the connector id is GCM's additional
// authenticated data, so a value copied into another row does not decrypt; the tag length is
// fixed at 16 bytes on both sides, so a truncated tag is refused instead of checked as a short
// one. v1 (no additional data) is read only by the one-time upgrade below, never on the hot path.
import { createCipheriv, createDecipheriv, randomBytes, type CipherGCM, type DecipherGCM } from 'node:crypto';
import type { Logger } from 'pino';
import type { Connector } from '../core/connector.ts';
import type { Store } from './database.ts';

const VERSION = 'v2';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class ConfigCipher {
  constructor(private readonly key: Buffer) {}

  /** Seals `values` for the connector `connectorId`; only that connector's row can open it. */
  seal(values: Record<string, string>, connectorId: string): string {
    if (Object.keys(values).length === 0) return '';
    const iv = randomBytes(IV_BYTES);
    const cipher: CipherGCM = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(connectorId, 'utf8'));
    const body = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  open(sealed: string, connectorId: string): Record<string, string> {
    if (sealed === '') return {};
    const [version, payload] = splitSealed(sealed);
    if (version !== VERSION) throw new Error(`unknown encrypted config format "${version}"`);
    return this.decrypt(payload, connectorId);
  }

  /** Opens a v1 value (no additional data), for {@link upgradeSealedConfigs} only. */
  openV1(sealed: string): Record<string, string> {
    const [version, payload] = splitSealed(sealed);
    if (version !== 'v1') throw new Error(`not a v1 encrypted config: "${version}"`);
    return this.decrypt(payload, undefined);
  }

  private decrypt(payload: Buffer, connectorId: string | undefined): Record<string, string> {
    if (payload.length < IV_BYTES + TAG_BYTES) throw new Error('encrypted config is truncated');
    const decipher: DecipherGCM = createDecipheriv('aes-256-gcm', this.key, payload.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    if (connectorId !== undefined) decipher.setAAD(Buffer.from(connectorId, 'utf8'));
    decipher.setAuthTag(payload.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(payload.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as Record<string, string>;
  }
}

function splitSealed(sealed: string): [string, Buffer] {
  const colon = sealed.indexOf(':');
  if (colon < 0) throw new Error('unknown encrypted config format');
  return [sealed.slice(0, colon), Buffer.from(sealed.slice(colon + 1), 'base64')];
}

/** A connector's full config: its stored keys with the sensitive ones decrypted. */
export function fullConfig(connector: Pick<Connector, 'id' | 'config' | 'sealedSecrets'>, cipher: ConfigCipher): Record<string, string> {
  return { ...connector.config, ...cipher.open(connector.sealedSecrets, connector.id) };
}

/**
 * Re-seals every connector row still in the v1 format as v2, bound to its id. Runs at start-up
 * (the composition root), before anything reads configs; idempotent: on a store with no v1 rows it
 * is one query that writes nothing. Each row is
 * updated only if it still holds the value read, so a concurrent writer is never overwritten.
 * A row that does not open is left as it is and logged: it fails at its next use, as before.
 */
export async function upgradeSealedConfigs(db: Store, cipher: ConfigCipher, log: Logger): Promise<number> {
  const rows = await db.selectFrom('connectors').select(['id', 'secret_config']).where('secret_config', 'like', 'v1:%').execute();
  let upgraded = 0;
  for (const row of rows) {
    let resealed: string;
    try {
      resealed = cipher.seal(cipher.openV1(row.secret_config), row.id);
    } catch (err) {
      log.error({ connectorId: row.id, err: (err as Error).message }, 'a v1 encrypted connector config does not open; left as it is');
      continue;
    }
    const result = await db.updateTable('connectors').set({ secret_config: resealed })
      .where('id', '=', row.id).where('secret_config', '=', row.secret_config).executeTakeFirst();
    upgraded += Number(result.numUpdatedRows);
  }
  if (upgraded > 0) log.info({ upgraded }, 'encrypted connector configs re-sealed as v2 (bound to their connector)');
  return upgraded;
}
