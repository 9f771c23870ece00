// `cirrus keys …`: the operator's view of API keys, straight on the store. Revocation takes
// effect at once because the server looks every key up per request. Secrets and their hashes
// never leave this module, except the secret of a key created here, shown once.
import type { Config } from '../config.ts';
import type { ApiKey } from '../core/iam.ts';
import { organizationCrn } from '../core/rbac.ts';
import { ApiKeySecrets } from '../services/api-key-secrets.ts';
import { ApiKeyService } from '../services/api-keys.ts';
import { bootstrapFile, readBootstrapFile } from '../services/bootstrap.ts';
import { listApiKeys } from '../store/api-keys.ts';
import type { Store } from '../store/database.ts';
import { findPrincipal } from '../store/principals.ts';
import { listRoleBindings } from '../store/role-bindings.ts';
import { existingApiKeySecrets, withInstallation } from './installation.ts';
import { CliError, fieldLines, tableLines, type Printer } from './output.ts';

const ACTOR = 'cli';
const now = () => new Date();

/** What `keys list` shows of a key: never its secret or hash. */
export interface ListedKey {
  id: string;
  /** `cloud`, or the Kafka cluster id `lkc-…` the key belongs to. */
  kind: string;
  owner_id: string;
  display_name: string;
  created_at: string;
}

function toListed(key: ApiKey): ListedKey {
  return {
    id: key.id, kind: key.resourceKind === 'cloud' ? 'cloud' : (key.resourceId ?? 'kafka_cluster'),
    owner_id: key.ownerId, display_name: key.displayName, created_at: key.createdAt,
  };
}

export async function listKeys(config: Config, out: Printer): Promise<void> {
  const keys = await withInstallation(config, async ({ db, organizationId }) => (await listApiKeys(db, organizationId)).map((found) => toListed(found.key)));
  out.document(keys);
  if (keys.length === 0) {
    out.line('No API keys.');
    return;
  }
  const rows = keys.map((k) => [k.id, k.kind, k.owner_id, k.display_name, k.created_at]);
  for (const line of tableLines(['ID', 'KIND', 'OWNER', 'NAME', 'CREATED'], rows)) out.line(line);
}

/**
 * The bootstrap admin: the principal bound to OrganizationAdmin on the organization itself.
 * Users come before service accounts, and the oldest binding first, so it is the first-start admin.
 */
async function findAdmin(db: Store, organizationId: string) {
  const crn = organizationCrn(organizationId);
  const bindings = (await listRoleBindings(db, organizationId, { roleName: 'OrganizationAdmin' }))
    .filter((binding) => binding.crnPattern === crn);
  const principals = await Promise.all(bindings.map((binding) => findPrincipal(db, binding.principalId)));
  const admin = principals.find((p) => p?.kind === 'user') ?? principals.find((p) => p !== undefined);
  if (!admin) throw new CliError(`no principal holds OrganizationAdmin on organization ${organizationId}`);
  return admin;
}

export async function createAdminKey(config: Config, out: Printer, name: string | undefined): Promise<void> {
  const created = await withInstallation(config, async ({ db, organizationId }) => {
    const admin = await findAdmin(db, organizationId);
    const { key, secret } = await new ApiKeyService(db, existingApiKeySecrets(config), now).create(organizationId, {
      ownerId: admin.id, resource: 'cloud', displayName: name ?? 'admin key (cirrus CLI)',
      description: 'Created with cirrus keys create-admin',
    }, ACTOR);
    return { key, secret, admin };
  });
  out.document({ key: created.key.id, secret: created.secret, owner: created.admin.id });
  out.line(`Created a cloud API key for ${created.admin.displayName} (${created.admin.id}, OrganizationAdmin).`);
  out.line('The secret is shown only now; store it safely:');
  out.line();
  for (const line of fieldLines([['Key', created.key.id], ['Secret', created.secret], ['Name', created.key.displayName]])) out.line(line);
}

export async function revokeKey(config: Config, out: Printer, keyId: string): Promise<void> {
  await withInstallation(config, async ({ db, organizationId }) => {
    // Revoking hashes nothing, so it must work without the master key at hand (an emergency
    // revocation from a shell lacking CIRRUS_MASTER_KEY); this hasher is never used.
    const service = new ApiKeyService(db, new ApiKeySecrets(Buffer.alloc(0)), now);
    await service.revoke(organizationId, keyId, ACTOR); // NotFound for an unknown id: exit 2
  });
  out.document({ revoked: keyId });
  out.line(`Revoked API key ${keyId}; requests using it now fail.`);
  const note = bootstrapNote(config.home, keyId);
  if (note) out.line(note);
}

/** bootstrap.json keeps listing a revoked bootstrap key; say so rather than let it surprise. */
function bootstrapNote(home: string, keyId: string): string | undefined {
  try {
    const info = readBootstrapFile(home);
    if (info && [info.cloud_api_key, info.kafka_api_key, info.schema_registry_api_key].includes(keyId)) {
      return `Note: ${bootstrapFile(home)} still lists this key; it no longer works.`;
    }
  } catch {
    // An unreadable bootstrap.json does not undo the revocation; `cirrus bootstrap` reports it.
  }
  return undefined;
}
