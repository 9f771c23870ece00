// The data dir the CLI works on. Commands other than `init` must never create state: a typo in
// --home would otherwise leave a fresh store (and a new master key) behind. The store is SQLite in
// WAL mode, so opening it while the server runs is safe.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { ApiKeySecrets } from '../services/api-key-secrets.ts';
import { loadMasterKey } from '../services/master-key.ts';
import { openStore, type Store } from '../store/database.ts';
import { firstOrganization } from '../store/organizations.ts';
import { CliError } from './output.ts';

export const STORE_FILE = 'cirrus.db';

export interface Installation {
  config: Config;
  db: Store;
  organizationId: string;
}

export function storeFile(home: string): string {
  return path.join(home, STORE_FILE);
}

export function notInitialised(home: string, why: string): CliError {
  return new CliError(`${home} is not initialised (${why}); run \`cirrus init\` (or \`npm start\`) with this home first`);
}

/** Opens an initialised home for `fn` and closes the store afterwards, whatever happens. */
export async function withInstallation<T>(config: Config, fn: (installation: Installation) => Promise<T>): Promise<T> {
  const file = storeFile(config.home);
  if (!fs.existsSync(file)) throw notInitialised(config.home, `no ${STORE_FILE}`);
  const db = await openStore(file);
  try {
    const organization = await firstOrganization(db);
    if (!organization) throw notInitialised(config.home, 'its store holds no organization');
    return await fn({ config, db, organizationId: organization.id });
  } finally {
    await db.destroy();
  }
}

/**
 * The API key hasher of an existing installation. The key file must already exist: generating a
 * new one here would mint keys whose hashes the server can never match.
 */
export function existingApiKeySecrets(config: Config): ApiKeySecrets {
  if (!config.masterKey && !fs.existsSync(path.join(config.home, 'master.key'))) {
    throw new CliError(`${path.join(config.home, 'master.key')} is missing; restore it, or give the key in CIRRUS_MASTER_KEY or a file (--master-key-file)`);
  }
  return newApiKeySecrets(config);
}

/** Loads (or, on a fresh home, creates) the master key, exactly as the server does. */
export function newApiKeySecrets(config: Config): ApiKeySecrets {
  return new ApiKeySecrets(loadMasterKey(config.home, config.masterKey).derive('api-key-hash'));
}
