// Encryption at rest of a connector's sensitive keys: AES-256-GCM with a key derived from the
// master key. The format carries a version so the scheme can change without a migration.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export class ConfigCipher {
  constructor(private readonly key: Buffer) {}

  seal(values: Record<string, string>): string {
    if (Object.keys(values).length === 0) return '';
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  open(sealed: string): Record<string, string> {
    if (sealed === '') return {};
    const [version, payload] = sealed.split(':');
    if (version !== VERSION || !payload) throw new Error('unknown encrypted config format');
    const raw = Buffer.from(payload, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as Record<string, string>;
  }
}

/** A stored connector's full config: plain keys plus its decrypted secrets. */
export function decryptConnectorConfig(row: { config: string; secret_config: string }, cipher: ConfigCipher): Record<string, string> {
  return { ...(JSON.parse(row.config) as Record<string, string>), ...cipher.open(row.secret_config) };
}
