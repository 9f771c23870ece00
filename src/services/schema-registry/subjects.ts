// Subjects and their versions: register (the same schema gets the same global id under any
// subject; a schema already live in the subject answers its id again), look up, read, and soft
// then permanent deletes. A soft-deleted version is hidden from reads but its id still resolves,
// so consumers of data written with it keep working.
import { compatibilityProblems } from '../../core/schema-registry/compatibility.ts';
import { registryErrors } from '../../core/schema-registry/errors.ts';
import { formatOf } from '../../core/schema-registry/format.ts';
import { checkSubjectName, compatibilityPlan, type RegisteredSchema, type SubjectVersion } from '../../core/schema-registry/model.ts';
import type { Executor, Store } from '../../store/database.ts';
import { withOperation } from '../../store/operations.ts';
import * as repo from '../../store/schema-registry.ts';
import type { Candidate, SchemaInput, SchemaParser } from './parsing.ts';
import type { RegistrySettingsService } from './settings.ts';

export interface SubjectSchema extends RegisteredSchema {
  subject: string;
  version: number;
}

export class SubjectService {
  constructor(private readonly db: Store, private readonly parser: SchemaParser, private readonly settings: RegistrySettingsService, private readonly now: () => Date) {}

  async register(registryId: string, subject: string, input: SchemaInput, actor: string): Promise<SubjectSchema> {
    checkSubjectName(subject);
    await this.settings.assertWritable(registryId, subject);
    const candidate = await this.parser.candidate(registryId, input);
    const existing = await repo.findSchemaByFingerprint(this.db, registryId, candidate.fingerprint);
    const again = existing && await repo.findLiveVersionOfSchema(this.db, registryId, subject, existing.id);
    if (existing && again) return { ...existing, subject, version: again.version };
    const at = this.now().toISOString();
    // The mode, the compatibility check and the write are one transaction that holds the
    // registry's lock (repo.lockRegistry): two schemas registered at once, each compatible with
    // the latest version but not with each other, cannot both land; the same new schema gets
    // one version; a version it references cannot be deleted meanwhile (deletes.ts takes the same
    // lock). A refusal throws, and nothing (not even the operation record) is written.
    return withOperation(this.db, { operation: 'schema_registry.subject.register', resourceId: registryId, actor, at, detail: { subject } }, async (tx) => {
      await repo.lockRegistry(tx, registryId);
      const found = await repo.findSchemaByFingerprint(tx, registryId, candidate.fingerprint);
      const live = found && await repo.findLiveVersionOfSchema(tx, registryId, subject, found.id);
      if (live) return { ...found, subject, version: live.version };
      await this.settings.assertWritable(registryId, subject, tx);
      // A referenced version deleted since the schema was parsed would leave a dangling reference.
      await this.parser.referencesLive(registryId, candidate.references, tx);
      const problems = await this.problems(registryId, subject, candidate, undefined, tx);
      if (problems.length > 0) throw registryErrors.incompatible(problems);
      const schema = found ?? await this.insert(tx, registryId, candidate, at);
      const version = await repo.lastVersion(tx, registryId, subject) + 1;
      await repo.insertSubjectVersion(tx, registryId, { subject, version, schemaId: schema.id, deleted: false }, at);
      return { ...schema, subject, version };
    });
  }

  /**
   * Why the candidate may not follow the subject's live versions (or `earlier`, when given) at
   * the subject's level. Only what the level compares is read and parsed: the latest version
   * unless the level is transitive. Read through `db` when given (the registering transaction).
   */
  async problems(registryId: string, subject: string, candidate: Candidate, earlier?: readonly SubjectVersion[], db: Executor = this.db): Promise<string[]> {
    const level = await this.settings.compatibility(registryId, subject, true, db);
    if (level === 'NONE') return [];
    const transitive = compatibilityPlan(level).transitive;
    const compared = earlier ? (transitive ? earlier : earlier.slice(-1)) : await repo.listLiveVersions(db, registryId, subject, !transitive);
    const plan = await Promise.all(compared.map(async (v) => {
      const schema = (await repo.findSchemaById(db, registryId, v.schemaId))!;
      // A schema of another type cannot be compared; Confluent counts it as incompatible.
      if (schema.schemaType !== candidate.schemaType) return { version: v.version, parsed: undefined };
      return { version: v.version, parsed: await this.parser.stored(registryId, schema, db) };
    }));
    const typeChanges = plan.filter((p) => !p.parsed).map((p) => `version ${p.version} is of another schema type`);
    if (typeChanges.length > 0) return typeChanges;
    const comparable = plan.filter((p): p is { version: number; parsed: NonNullable<typeof p.parsed> } => p.parsed !== undefined);
    return compatibilityProblems(formatOf(candidate.schemaType), level, candidate.parsed, comparable);
  }

  private async insert(tx: Parameters<typeof repo.insertSchema>[0], registryId: string, candidate: Candidate, at: string): Promise<RegisteredSchema> {
    const schema: RegisteredSchema = { id: await repo.allocateSchemaId(tx, registryId), schemaType: candidate.schemaType, schema: candidate.parsed.stored ?? candidate.parsed.canonical, references: candidate.references };
    await repo.insertSchema(tx, registryId, schema, candidate.fingerprint, at);
    return schema;
  }

  /** The live version of the subject holding this schema (40401 no subject, 40403 not in it). */
  async lookup(registryId: string, subject: string, input: SchemaInput, includeDeleted = false): Promise<SubjectSchema> {
    const versions = (await repo.listSubjectVersions(this.db, registryId, subject)).filter((v) => includeDeleted || !v.deleted);
    if (versions.length === 0) throw registryErrors.subjectNotFound(subject);
    const candidate = await this.parser.candidate(registryId, input);
    const schema = await repo.findSchemaByFingerprint(this.db, registryId, candidate.fingerprint);
    const version = schema && versions.find((v) => v.schemaId === schema.id);
    if (!schema || !version) throw registryErrors.schemaNotFound();
    return { ...schema, subject, version: version.version };
  }

  async subjects(registryId: string, options: { prefix?: string; deleted?: boolean } = {}): Promise<string[]> {
    const all = await repo.listSubjects(this.db, registryId, options.deleted ?? false);
    return options.prefix ? all.filter((s) => s.startsWith(options.prefix!)) : all;
  }

  async versions(registryId: string, subject: string, includeDeleted = false): Promise<number[]> {
    const versions = (await repo.listSubjectVersions(this.db, registryId, subject)).filter((v) => includeDeleted || !v.deleted);
    if (versions.length === 0) throw registryErrors.subjectNotFound(subject);
    return versions.map((v) => v.version);
  }

  async version(registryId: string, subject: string, version: number | 'latest', includeDeleted = false): Promise<SubjectSchema & { deleted: boolean }> {
    const all = await repo.listSubjectVersions(this.db, registryId, subject);
    const visible = all.filter((v) => includeDeleted || !v.deleted);
    if (visible.length === 0) throw registryErrors.subjectNotFound(subject);
    const found = version === 'latest' ? visible.at(-1) : visible.find((v) => v.version === version);
    if (!found) throw registryErrors.versionNotFound(subject, version);
    const schema = (await repo.findSchemaById(this.db, registryId, found.schemaId))!;
    return { ...schema, subject, version: found.version, deleted: found.deleted };
  }

  async referencedBy(registryId: string, subject: string, version: number | 'latest'): Promise<number[]> {
    const found = await this.version(registryId, subject, version);
    return repo.schemasReferencing(this.db, registryId, subject, found.version);
  }
}
