// What a pool's config provider resolves a secret placeholder of an engine config to: the file
// it names (engine/engine-secrets.ts). A value that is not a placeholder is returned as undefined,
// so a test comparing with the secret fails when the engine got the value inline.
import fs from 'node:fs';
import path from 'node:path';
import { SECRETS_PROVIDER } from '../../src/engine/engine-secrets.ts';

const PLACEHOLDER = new RegExp(`^\\$\\{${SECRETS_PROVIDER}:([^:}]+):([^:}]+)\\}$`);

export function engineSecret(value: string | undefined): string | undefined {
  const match = value?.match(PLACEHOLDER);
  if (!match) return undefined;
  const file = path.join(match[1]!, match[2]!);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}
