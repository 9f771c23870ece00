// Role-based access (issue #4): roles grant actions on a scope given by a CRN pattern. Pure:
// the caller's bindings come in, a decision goes out. A resource none of the caller's bindings
// reach is "invisible" (answered as missing), one they reach without the action is "forbidden".
import { registryIdOf } from './schema-registry/ids.ts';

export type Action = 'read_status' | 'read' | 'operate' | 'manage' | 'admin' | 'manage_plugins';

/** The resource a request is about, as the route's policy names it. */
export type ScopeRef =
  | { kind: 'organization' }
  | { kind: 'environment'; environmentId: string }
  | { kind: 'cluster'; environmentId: string; clusterId: string }
  | { kind: 'schema_registry'; environmentId: string; registryId: string }
  | { kind: 'subject'; environmentId: string; registryId: string; subject: string };

export const ROLES = [
  'OrganizationAdmin', 'EnvironmentAdmin', 'CloudClusterAdmin', 'ConnectManager', 'Operator', 'DeveloperRead', 'DeveloperWrite', 'ResourceOwner',
] as const;
export type RoleName = (typeof ROLES)[number];

const ALL: Action[] = ['read_status', 'read', 'operate', 'manage', 'admin', 'manage_plugins'];

export const ROLE_ACTIONS: Record<RoleName, readonly Action[]> = {
  OrganizationAdmin: ALL,
  EnvironmentAdmin: ALL,
  CloudClusterAdmin: ['read_status', 'read', 'operate', 'manage', 'manage_plugins'],
  ConnectManager: ['read_status', 'read', 'operate'],
  Operator: ['read_status'],
  // Schema Registry subjects (issue 14), as Confluent Cloud grants them: read; also register and
  // soft delete (`manage`); also the subject's own compatibility, mode and permanent delete (`admin`).
  DeveloperRead: ['read_status', 'read'],
  DeveloperWrite: ['read_status', 'read', 'manage'],
  ResourceOwner: ['read_status', 'read', 'manage', 'admin'],
};

export function isRole(name: string): name is RoleName {
  return (ROLES as readonly string[]).includes(name);
}

/** Where each role is granted (issue 7.6): on exactly one resource of this level, no wildcards. */
export type ScopeLevel = 'organization' | 'environment' | 'cluster' | 'subject';

export const ROLE_LEVELS: Record<RoleName, ScopeLevel> = {
  OrganizationAdmin: 'organization',
  EnvironmentAdmin: 'environment',
  CloudClusterAdmin: 'cluster',
  ConnectManager: 'cluster',
  Operator: 'cluster',
  DeveloperRead: 'subject',
  DeveloperWrite: 'subject',
  ResourceOwner: 'subject',
};

const LEVEL_KEYS: Record<ScopeLevel, readonly string[]> = {
  organization: ['organization'],
  environment: ['organization', 'environment'],
  cluster: ['organization', 'environment', 'cloud-cluster'],
  subject: ['organization', 'environment', 'schema-registry', 'subject'],
};

const CRN_FORMS: Record<ScopeLevel, string> = {
  organization: 'crn://confluent.cloud/organization=<organization>',
  environment: 'crn://confluent.cloud/organization=<organization>/environment=<environment>',
  cluster: 'crn://confluent.cloud/organization=<organization>/environment=<environment>/cloud-cluster=<cluster>',
  subject: 'crn://confluent.cloud/organization=<organization>/environment=<environment>/schema-registry=<lsrc-…>/subject=<subject, or a prefix and *>',
};

/** A concrete id; a subject may also end in `*` (a prefix, `*` alone: every subject), as Confluent Cloud's subject bindings do. */
const EXACT_VALUE = /^[A-Za-z0-9._-]+$/;
const SUBJECT_VALUE = /^(?:[^/=*\s]{1,255}\*?|\*)$/;

/** The level a CRN pattern names exactly (every value concrete), or undefined. */
export function crnLevel(pattern: string): ScopeLevel | undefined {
  const parts = pattern.startsWith(CRN_ROOT) ? pattern.slice(CRN_ROOT.length).split('/') : undefined;
  if (!parts) return undefined;
  const level = (Object.keys(LEVEL_KEYS) as ScopeLevel[]).find((l) => LEVEL_KEYS[l].length === parts.length);
  if (!level) return undefined;
  const exact = parts.every((part, i) => {
    const [key, value, ...rest] = part.split('=');
    const shape = key === 'subject' ? SUBJECT_VALUE : EXACT_VALUE;
    return key === LEVEL_KEYS[level][i] && rest.length === 0 && value !== undefined && shape.test(value);
  });
  return exact ? level : undefined;
}

/** Why `roleName` cannot be granted on `crnPattern` in this organization, or undefined. */
export function bindingProblem(roleName: RoleName, crnPattern: string, organizationId: string): string | undefined {
  const level = ROLE_LEVELS[roleName];
  const form = CRN_FORMS[level].replace('<organization>', organizationId);
  if (crnLevel(crnPattern) !== level || !crnCovers(organizationCrn(organizationId), crnPattern) || !registryOfItsEnvironment(crnPattern)) {
    return `${roleName} is granted on ${LEVEL_WORDS[level]}: crn_pattern must be ${form}`;
  }
  return undefined;
}

const LEVEL_WORDS: Record<ScopeLevel, string> = {
  organization: 'the organization, without wildcards',
  environment: 'one environment, without wildcards',
  cluster: 'one Kafka cluster, without wildcards',
  subject: 'subjects of one Schema Registry (its environment\'s own)',
};

/** A subject pattern names its environment's one registry (core/schema-registry/ids.ts); other levels name none. */
function registryOfItsEnvironment(crnPattern: string): boolean {
  const values = Object.fromEntries((segments(crnPattern) ?? []).map((part) => part.split('=') as [string, string]));
  return values['schema-registry'] === undefined || values['schema-registry'] === registryIdOf(values.environment ?? '');
}

/**
 * Bindings that take effect: one of a known role stored at another level than its role's (made
 * before levels were checked, or written around the API) grants nothing and reveals nothing.
 */
export function effectiveBindings<B extends Binding>(bindings: readonly B[]): B[] {
  return bindings.filter((b) => !isRole(b.roleName) || crnLevel(b.crnPattern) === ROLE_LEVELS[b.roleName]);
}

export interface Binding {
  roleName: string;
  crnPattern: string;
}

export type Decision = 'allow' | 'forbidden' | 'invisible';

const CRN_ROOT = 'crn://confluent.cloud/';

export function organizationCrn(organizationId: string): string {
  return `${CRN_ROOT}organization=${organizationId}`;
}

export function environmentCrn(organizationId: string, environmentId: string): string {
  return `${organizationCrn(organizationId)}/environment=${environmentId}`;
}

export function clusterCrn(organizationId: string, environmentId: string, clusterId: string): string {
  return `${environmentCrn(organizationId, environmentId)}/cloud-cluster=${clusterId}`;
}

/** A Schema Registry's CRN (issue 14), beneath its environment as Confluent Cloud names it. */
export function schemaRegistryCrn(organizationId: string, environmentId: string, registryId: string): string {
  return `${environmentCrn(organizationId, environmentId)}/schema-registry=${registryId}`;
}

/**
 * A subject's CRN. The characters a CRN gives meaning to (`/`, `=`, `*`, and `%` itself) are
 * percent-encoded, so a subject named `a/b` is never taken for something inside subject `a`.
 */
export function subjectCrn(organizationId: string, environmentId: string, registryId: string, subject: string): string {
  const value = subject.replace(/[%/=*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${schemaRegistryCrn(organizationId, environmentId, registryId)}/subject=${value}`;
}

/** A user's (`u-…`) or service account's (`sa-…`) CRN. */
export function principalCrn(organizationId: string, principalId: string): string {
  return `${organizationCrn(organizationId)}/${principalId.startsWith('sa-') ? 'service-account' : 'user'}=${principalId}`;
}

export function apiKeyCrn(organizationId: string, keyId: string): string {
  return `${organizationCrn(organizationId)}/api-key=${keyId}`;
}

export function roleBindingCrn(organizationId: string, bindingId: string): string {
  return `${organizationCrn(organizationId)}/role-binding=${bindingId}`;
}

/** The CRN of a scope in the caller's organization. */
export function scopeCrn(organizationId: string, scope: ScopeRef): string {
  switch (scope.kind) {
    case 'organization': return organizationCrn(organizationId);
    case 'environment': return environmentCrn(organizationId, scope.environmentId);
    case 'cluster': return clusterCrn(organizationId, scope.environmentId, scope.clusterId);
    case 'schema_registry': return schemaRegistryCrn(organizationId, scope.environmentId, scope.registryId);
    case 'subject': return subjectCrn(organizationId, scope.environmentId, scope.registryId, scope.subject);
  }
}

function segments(crn: string): string[] | undefined {
  return crn.startsWith(CRN_ROOT) ? crn.slice(CRN_ROOT.length).split('/').filter(Boolean) : undefined;
}

/** True when `pattern` names `resource` or one of its ancestors; a value ending in `*` matches the values it prefixes (`*` any). */
export function crnCovers(pattern: string, resource: string): boolean {
  const p = segments(pattern.replace(/\/\*$/, ''));
  const r = segments(resource);
  if (!p || !r || p.length > r.length) return false;
  return p.every((seg, i) => {
    const [pk, pv] = seg.split('=');
    const [rk, rv] = r[i]!.split('=');
    return pk === rk && pv !== undefined && rv !== undefined && (pv === rv || (pv.endsWith('*') && rv.startsWith(pv.slice(0, -1))));
  });
}

/** True when `pattern` lies inside `resource` (the caller holds a role somewhere beneath it). */
export function crnWithin(pattern: string, resource: string): boolean {
  return crnCovers(resource, pattern);
}

/**
 * Actions a role grants when bound on the resource or anywhere inside it. Custom connector
 * plugins (and their uploads) are organization-level resources (connect/v1) or environment-level
 * ones (ccpm/v1), yet the product page lets EnvironmentAdmin and CloudClusterAdmin, bound lower
 * down, manage them: `manage_plugins` on a scope is granted by such a role at or beneath it.
 */
const GRANTED_FROM_INSIDE: ReadonlySet<Action> = new Set(['manage_plugins']);

export function decide(all: readonly Binding[], action: Action, resource: string): Decision {
  const bindings = effectiveBindings(all);
  const covering = bindings.filter((b) => crnCovers(b.crnPattern, resource));
  const inside = bindings.filter((b) => crnWithin(b.crnPattern, resource));
  const granting = GRANTED_FROM_INSIDE.has(action) ? [...covering, ...inside] : covering;
  if (granting.some((b) => isRole(b.roleName) && ROLE_ACTIONS[b.roleName].includes(action))) return 'allow';
  // Whoever holds a role inside a resource may see that it exists (an environment, a cluster).
  if (action === 'read_status' && inside.some((b) => isRole(b.roleName))) return 'allow';
  if (covering.length > 0 || inside.length > 0) return 'forbidden';
  // The caller's own organization is no secret (every key belongs to one), so an
  // organization-level route answers 403; hiding existence is for what lies inside it.
  return isOrganizationLevel(resource) ? 'forbidden' : 'invisible';
}

function isOrganizationLevel(resource: string): boolean {
  return segments(resource)?.length === 1;
}
