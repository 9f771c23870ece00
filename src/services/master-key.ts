// The installation's master key: from the settings (CIRRUS_MASTER_KEY or the file
// CIRRUS_MASTER_KEY_FILE names; config.ts reads both), or generated once into `<home>/master.key`
// (mode 0600). Purpose-specific keys are derived from it with HKDF, so one secret never serves
// two uses (API key hashing, config encryption, signing upload policies).
import { hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface MasterKey {
  derive(purpose: 'api-key-hash' | 'config-encryption' | 'upload-signing' | 'engine-secret-names' | 'registry-connectors'): Buffer;
}

export function loadMasterKey(home: string, fromSettings: string | undefined): MasterKey {
  const key = fromSettings ? decodeSettingKey(fromSettings) : readOrCreateKeyFile(path.join(home, 'master.key'));
  return {
    derive: (purpose) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `cirrus/${purpose}`, 32)),
  };
}

function decodeSettingKey(value: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('the master key (CIRRUS_MASTER_KEY or CIRRUS_MASTER_KEY_FILE) must be the base64 encoding of 32 bytes');
  return key;
}

function readOrCreateKeyFile(file: string): Buffer {
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a base64 encoded 32-byte key`);
    return key;
  }
  const key = randomBytes(32);
  // wx: never overwrite a key another process wrote a moment ago.
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
