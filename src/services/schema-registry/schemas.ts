// Schemas by global id, and compatibility checks that register nothing. An id resolves while
// any subject version, soft-deleted ones included, still uses it.
import { registryErrors } from '../../core/schema-registry/errors.ts';
import type { RegisteredSchema } from '../../core/schema-registry/model.ts';
import { serializedProtobuf, type ParsedProtobuf } from '../../core/schema-registry/protobuf.ts';
import type { Store } from '../../store/database.ts';
import * as repo from '../../store/schema-registry.ts';
import type { SchemaInput, SchemaParser } from './parsing.ts';
import type { SubjectService } from './subjects.ts';

export class SchemaService {
  constructor(private readonly db: Store, private readonly parser: SchemaParser, private readonly subjects: SubjectService) {}

  async byId(registryId: string, id: number, subject?: string): Promise<RegisteredSchema> {
    const schema = await repo.findSchemaById(this.db, registryId, id);
    const users = schema ? await repo.versionsOfSchema(this.db, registryId, id) : [];
    if (!schema || users.length === 0 || (subject !== undefined && !users.some((u) => u.subject === subject))) {
      throw registryErrors.schemaNotFound(`Schema ${id} not found`);
    }
    return schema;
  }

  /**
   * `byId` in one of the registry's formats: `serialized` answers a PROTOBUF schema as its
   * base64 FileDescriptorProto (what Confluent's registry does; converters without a .proto
   * parser read it). Other formats, and other schema types, answer the schema as registered.
   */
  async byIdIn(registryId: string, id: number, subject: string | undefined, format: string | undefined): Promise<RegisteredSchema> {
    return this.inFormat(registryId, await this.byId(registryId, id, subject), format);
  }

  /** A subject's version (SubjectService.version) in one of the registry's formats, as `byIdIn`. */
  async versionIn(registryId: string, subject: string, version: number | 'latest', includeDeleted: boolean, format: string | undefined) {
    return this.inFormat(registryId, await this.subjects.version(registryId, subject, version, includeDeleted), format);
  }

  private async inFormat<S extends RegisteredSchema>(registryId: string, schema: S, format: string | undefined): Promise<S> {
    if (format !== 'serialized' || schema.schemaType !== 'PROTOBUF') return schema;
    return { ...schema, schema: serializedProtobuf(await this.parser.stored(registryId, schema) as ParsedProtobuf) };
  }

  /**
   * Every subject version whose subject starts with `prefix`, with its schema (what Terraform's
   * confluent_schema reads back); `latestOnly`: each subject's newest. `limit` < 0: no limit.
   */
  async list(registryId: string, o: { prefix: string; deleted: boolean; latestOnly: boolean; offset: number; limit: number }): Promise<(RegisteredSchema & { subject: string; version: number })[]> {
    let versions = await repo.listVersionsByPrefix(this.db, registryId, o.prefix, o.deleted);
    if (o.latestOnly) versions = versions.filter((v, i) => versions[i + 1]?.subject !== v.subject);
    versions = versions.slice(Math.max(0, o.offset), o.limit >= 0 ? Math.max(0, o.offset) + o.limit : undefined);
    const schemas = new Map<number, RegisteredSchema>();
    for (const id of new Set(versions.map((v) => v.schemaId))) schemas.set(id, (await repo.findSchemaById(this.db, registryId, id))!);
    return versions.map((v) => ({ ...schemas.get(v.schemaId)!, subject: v.subject, version: v.version }));
  }

  async subjectVersionsOf(registryId: string, id: number, includeDeleted = false): Promise<{ subject: string; version: number }[]> {
    await this.byId(registryId, id);
    const users = await repo.versionsOfSchema(this.db, registryId, id);
    return users.filter((u) => includeDeleted || !u.deleted).map((u) => ({ subject: u.subject, version: u.version }));
  }

  async subjectsOf(registryId: string, id: number, includeDeleted = false): Promise<string[]> {
    return [...new Set((await this.subjectVersionsOf(registryId, id, includeDeleted)).map((u) => u.subject))];
  }

  /**
   * Whether the candidate could be registered: against one version (`version`) in the
   * directions of the subject's level, or (`undefined`) against what the level itself names.
   */
  async check(registryId: string, subject: string, version: number | 'latest' | undefined, input: SchemaInput): Promise<{ compatible: boolean; messages: string[] }> {
    const candidate = await this.parser.candidate(registryId, input);
    let earlier;
    if (version !== undefined) {
      const one = await this.subjects.version(registryId, subject, version);
      earlier = [{ subject, version: one.version, schemaId: one.id, deleted: false }];
    }
    // With one named version there is one to compare, whatever `_TRANSITIVE` says.
    const messages = await this.subjects.problems(registryId, subject, candidate, earlier);
    return { compatible: messages.length === 0, messages };
  }
}
