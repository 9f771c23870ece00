// The v1 encrypted-config format as Cirrus wrote it before issue 7.13 (AES-256-GCM without
// additional data), frozen here so tests can make rows an older Cirrus would have left behind.
import { createCipheriv, randomBytes } from 'node:crypto';

export function sealV1(key: Buffer, values: Record<string, string>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}
