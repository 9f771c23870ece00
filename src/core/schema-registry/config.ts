// A registry's or a subject's config beyond its compatibility level: the compatibility group,
// `normalize` and `alias`, as Confluent's ConfigUpdateRequest names them. Cirrus keeps them and
// answers them back (Terraform's confluent_subject_config reads each one it set; one it cannot
// read back is a plan diff forever). Canonical forms already make registering and lookups
// normalized, so `normalize` changes no behaviour here; groups and aliases are kept, not applied.
import { REGISTRY_CODES, RegistryError } from './errors.ts';
import { compatibilityLevelOf, type CompatibilityLevel } from './model.ts';

/** What GET /config answers: the fields that are set. */
export interface RegistryConfig {
  compatibilityLevel?: CompatibilityLevel;
  compatibilityGroup?: string;
  normalize?: boolean;
  alias?: string;
}

/** The stored form: null is "not set". */
export interface StoredConfig {
  compatibility: string | null;
  compatibilityGroup: string | null;
  normalize: boolean | null;
  alias: string | null;
}

/** What a PUT /config body changes: only the fields it names; an empty string or null unsets one. */
export type ConfigChanges = Partial<StoredConfig>;

const MAX_TEXT = 255;

function textOf(body: Record<string, unknown>, name: string): string | null | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > MAX_TEXT) throw new RegistryError(REGISTRY_CODES.unprocessable, `${name} must be a string of at most ${MAX_TEXT} characters`);
  return value;
}

export function configChangesOf(body: Record<string, unknown>): ConfigChanges {
  const changes: ConfigChanges = {};
  if (body.compatibility !== undefined) changes.compatibility = body.compatibility === null ? null : compatibilityLevelOf(body.compatibility);
  const group = textOf(body, 'compatibilityGroup');
  if (group !== undefined) changes.compatibilityGroup = group;
  const alias = textOf(body, 'alias');
  if (alias !== undefined) changes.alias = alias;
  if (body.normalize !== undefined) {
    if (body.normalize !== null && typeof body.normalize !== 'boolean') throw new RegistryError(REGISTRY_CODES.unprocessable, 'normalize must be true or false');
    changes.normalize = body.normalize;
  }
  if (Object.keys(changes).length === 0) {
    throw new RegistryError(REGISTRY_CODES.invalidCompatibilityLevel, 'Nothing to change: give compatibility, compatibilityGroup, normalize or alias');
  }
  return changes;
}

export function hasOwnConfig(stored: StoredConfig | undefined): boolean {
  return !!stored && (stored.compatibility !== null || stored.compatibilityGroup !== null || stored.normalize !== null || stored.alias !== null);
}

/** The fields that are set, in GET /config's names; `level` fills an unset compatibility level. */
export function toRegistryConfig(stored: StoredConfig | undefined, level?: CompatibilityLevel): RegistryConfig {
  const config: RegistryConfig = {};
  const own = (stored?.compatibility as CompatibilityLevel | null | undefined) ?? level;
  if (own) config.compatibilityLevel = own;
  if (stored?.compatibilityGroup) config.compatibilityGroup = stored.compatibilityGroup;
  if (stored?.normalize !== null && stored?.normalize !== undefined) config.normalize = stored.normalize;
  if (stored?.alias) config.alias = stored.alias;
  return config;
}

/** PUT /config's answer: the request as it now stands (ConfigUpdateRequest). */
export function toConfigUpdate(changes: ConfigChanges): Record<string, unknown> {
  const answer: Record<string, unknown> = {};
  if (changes.compatibility) answer.compatibility = changes.compatibility;
  if (changes.compatibilityGroup) answer.compatibilityGroup = changes.compatibilityGroup;
  if (changes.normalize !== undefined && changes.normalize !== null) answer.normalize = changes.normalize;
  if (changes.alias) answer.alias = changes.alias;
  return answer;
}
