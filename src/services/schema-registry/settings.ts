// Compatibility levels and modes, registry-wide ('' in the store) and per subject. A subject
// without its own setting follows the registry's; the registry's defaults are BACKWARD and
// READWRITE.
import { configChangesOf, hasOwnConfig, toConfigUpdate, toRegistryConfig, type RegistryConfig } from '../../core/schema-registry/config.ts';
import { REGISTRY_CODES, RegistryError } from '../../core/schema-registry/errors.ts';
import {
  DEFAULT_COMPATIBILITY, DEFAULT_MODE, modeOf, type CompatibilityLevel, type Mode,
} from '../../core/schema-registry/model.ts';
import type { Executor, Store } from '../../store/database.ts';
import { withOperation } from '../../store/operations.ts';
import { findSetting, putSetting, type RegistrySetting } from '../../store/schema-registry.ts';

const GLOBAL = '';

export class RegistrySettingsService {
  constructor(private readonly db: Store, private readonly now: () => Date) {}

  /** A subject's own level (40408 when it has none, unless it may fall back), or the registry's; read through `db` (a transaction) when given. */
  async compatibility(registryId: string, subject?: string, defaultToGlobal = true, db: Executor = this.db): Promise<CompatibilityLevel> {
    const own = subject === undefined ? undefined : (await findSetting(db, registryId, subject))?.compatibility;
    if (own) return own as CompatibilityLevel;
    if (subject !== undefined && !defaultToGlobal) throw this.noSubjectConfig(subject);
    return ((await findSetting(db, registryId, GLOBAL))?.compatibility as CompatibilityLevel | null) ?? DEFAULT_COMPATIBILITY;
  }

  /** 42205 unless the subject may change: its mode (or the registry's) is READWRITE and no READONLY_OVERRIDE holds. */
  async assertWritable(registryId: string, subject: string, db: Executor = this.db): Promise<void> {
    const global = await this.mode(registryId, undefined, true, db);
    const mode = global === 'READONLY_OVERRIDE' ? global : await this.mode(registryId, subject, true, db);
    if (mode !== 'READWRITE') throw new RegistryError(REGISTRY_CODES.operationNotPermitted, `Subject ${subject} is in read-only mode`);
  }

  /**
   * GET /config: the registry's, or a subject's own (40408 when it has none, unless it may fall
   * back to the registry's); the level that applies fills a subject's unset one when it may.
   */
  async config(registryId: string, subject?: string, defaultToGlobal = true): Promise<RegistryConfig> {
    const global = await findSetting(this.db, registryId, GLOBAL);
    const globalLevel = (global?.compatibility as CompatibilityLevel | null | undefined) ?? DEFAULT_COMPATIBILITY;
    if (subject === undefined) return toRegistryConfig(global, globalLevel);
    const own = await findSetting(this.db, registryId, subject);
    if (hasOwnConfig(own)) return toRegistryConfig(own, defaultToGlobal ? globalLevel : undefined);
    if (!defaultToGlobal) throw this.noSubjectConfig(subject);
    return toRegistryConfig(global, globalLevel);
  }

  async mode(registryId: string, subject?: string, defaultToGlobal = true, db: Executor = this.db): Promise<Mode> {
    const own = subject === undefined ? undefined : (await findSetting(db, registryId, subject))?.mode;
    if (own) return own as Mode;
    if (subject !== undefined && !defaultToGlobal) {
      throw new RegistryError(REGISTRY_CODES.subjectModeNotConfigured, `Subject '${subject}' does not have subject-level mode configured`);
    }
    return ((await findSetting(db, registryId, GLOBAL))?.mode as Mode | null) ?? DEFAULT_MODE;
  }

  /** PUT /config: changes the fields the body names; answers them as they now stand. */
  async setConfig(registryId: string, subject: string | undefined, body: Record<string, unknown>, actor: string): Promise<Record<string, unknown>> {
    const changes = configChangesOf(body);
    await this.write(registryId, subject, changes, 'schema_registry.config.update', actor);
    return toConfigUpdate(changes);
  }

  async setMode(registryId: string, subject: string | undefined, value: unknown, actor: string): Promise<Mode> {
    const mode = modeOf(value);
    await this.write(registryId, subject, { mode }, 'schema_registry.mode.update', actor);
    return mode;
  }

  /**
   * Removes a subject's own config (40408 when it had none), or the registry's (back to the
   * defaults), and answers the level that applied.
   */
  async deleteConfig(registryId: string, subject: string | undefined, actor: string): Promise<CompatibilityLevel> {
    if (subject !== undefined && !hasOwnConfig(await findSetting(this.db, registryId, subject))) throw this.noSubjectConfig(subject);
    const level = await this.compatibility(registryId, subject);
    await this.write(registryId, subject, { compatibility: null, compatibilityGroup: null, normalize: null, alias: null }, 'schema_registry.config.delete', actor);
    return level;
  }

  private noSubjectConfig(subject: string): RegistryError {
    return new RegistryError(REGISTRY_CODES.subjectCompatibilityNotConfigured, `Subject '${subject}' does not have subject-level compatibility configured`);
  }

  async deleteMode(registryId: string, subject: string, actor: string): Promise<Mode> {
    const mode = await this.mode(registryId, subject, false);
    await this.write(registryId, subject, { mode: null }, 'schema_registry.mode.delete', actor);
    return mode;
  }

  private async write(registryId: string, subject: string | undefined, changes: Partial<RegistrySetting>, operation: string, actor: string) {
    const at = this.now().toISOString();
    await withOperation(this.db, { operation, resourceId: registryId, actor, at, detail: { subject: subject ?? null, ...changes } },
      (tx) => putSetting(tx, registryId, subject ?? GLOBAL, changes));
  }
}
