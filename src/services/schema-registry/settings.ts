// Compatibility levels and modes, registry-wide ('' in the store) and per subject. A subject
// without its own setting follows the registry's; the registry's defaults are BACKWARD and
// READWRITE.
import { REGISTRY_CODES, RegistryError } from '../../core/schema-registry/errors.ts';
import {
  compatibilityLevelOf, DEFAULT_COMPATIBILITY, DEFAULT_MODE, modeOf, type CompatibilityLevel, type Mode,
} from '../../core/schema-registry/model.ts';
import type { Executor, Store } from '../../store/database.ts';
import { withOperation } from '../../store/operations.ts';
import { findSetting, putSetting } from '../../store/schema-registry.ts';

const GLOBAL = '';

export class RegistrySettingsService {
  constructor(private readonly db: Store, private readonly now: () => Date) {}

  /** A subject's own level (40408 when it has none, unless it may fall back), or the registry's; read through `db` (a transaction) when given. */
  async compatibility(registryId: string, subject?: string, defaultToGlobal = true, db: Executor = this.db): Promise<CompatibilityLevel> {
    const own = subject === undefined ? undefined : (await findSetting(db, registryId, subject))?.compatibility;
    if (own) return own as CompatibilityLevel;
    if (subject !== undefined && !defaultToGlobal) {
      throw new RegistryError(REGISTRY_CODES.subjectCompatibilityNotConfigured, `Subject '${subject}' does not have subject-level compatibility configured`);
    }
    return ((await findSetting(db, registryId, GLOBAL))?.compatibility as CompatibilityLevel | null) ?? DEFAULT_COMPATIBILITY;
  }

  async mode(registryId: string, subject?: string, defaultToGlobal = true, db: Executor = this.db): Promise<Mode> {
    const own = subject === undefined ? undefined : (await findSetting(db, registryId, subject))?.mode;
    if (own) return own as Mode;
    if (subject !== undefined && !defaultToGlobal) {
      throw new RegistryError(REGISTRY_CODES.subjectModeNotConfigured, `Subject '${subject}' does not have subject-level mode configured`);
    }
    return ((await findSetting(db, registryId, GLOBAL))?.mode as Mode | null) ?? DEFAULT_MODE;
  }

  async setCompatibility(registryId: string, subject: string | undefined, value: unknown, actor: string): Promise<CompatibilityLevel> {
    const level = compatibilityLevelOf(value);
    await this.write(registryId, subject, { compatibility: level }, 'schema_registry.config.update', actor);
    return level;
  }

  async setMode(registryId: string, subject: string | undefined, value: unknown, actor: string): Promise<Mode> {
    const mode = modeOf(value);
    await this.write(registryId, subject, { mode }, 'schema_registry.mode.update', actor);
    return mode;
  }

  /** Removes a subject's own level and answers the one it had (40408 when none). */
  async deleteCompatibility(registryId: string, subject: string, actor: string): Promise<CompatibilityLevel> {
    const level = await this.compatibility(registryId, subject, false);
    await this.write(registryId, subject, { compatibility: null }, 'schema_registry.config.delete', actor);
    return level;
  }

  async deleteMode(registryId: string, subject: string, actor: string): Promise<Mode> {
    const mode = await this.mode(registryId, subject, false);
    await this.write(registryId, subject, { mode: null }, 'schema_registry.mode.delete', actor);
    return mode;
  }

  private async write(registryId: string, subject: string | undefined, changes: { compatibility?: string | null; mode?: string | null }, operation: string, actor: string) {
    const at = this.now().toISOString();
    await withOperation(this.db, { operation, resourceId: registryId, actor, at, detail: { subject: subject ?? null, ...changes } },
      (tx) => putSetting(tx, registryId, subject ?? GLOBAL, changes));
  }
}
