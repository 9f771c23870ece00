// Schemas by global id, and compatibility checks that register nothing. An id resolves while
// any subject version, soft-deleted ones included, still uses it.
import { Forbidden } from '../../core/errors.ts';
import { registryErrors } from '../../core/schema-registry/errors.ts';
import type { RegisteredSchema } from '../../core/schema-registry/model.ts';
import { serializedProtobuf, type ParsedProtobuf } from '../../core/schema-registry/protobuf.ts';
import type { Store } from '../../store/database.ts';
import * as repo from '../../store/schema-registry.ts';
import type { SchemaInput, SchemaParser } from './parsing.ts';
import type { SubjectService } from './subjects.ts';

/** Which subjects the caller may read; services that show subjects filter by it. */
export type Readable = (subject: string) => boolean;
const ANY: Readable = () => true;

export class SchemaService {
  constructor(private readonly db: Store, private readonly parser: SchemaParser, private readonly subjects: SubjectService) {}

  /**
   * The schema, shown to a caller who may read a subject using it (`readable`; Confluent's
   * rule): one who may read none gets 403, as for the subjects themselves.
   */
  async byId(registryId: string, id: number, subject?: string, readable: Readable = ANY): Promise<RegisteredSchema> {
    const schema = await repo.findSchemaById(this.db, registryId, id);
    const users = schema ? await repo.versionsOfSchema(this.db, registryId, id) : [];
    if (!schema || users.length === 0 || (subject !== undefined && !users.some((u) => u.subject === subject))) {
      throw registryErrors.schemaNotFound(`Schema ${id} not found`);
    }
    if (!users.some((u) => readable(u.subject) && (subject === undefined || u.subject === subject))) {
      throw new Forbidden(`User is denied operation Read on the subjects of schema ${id}`);
    }
    return schema;
  }

  /**
   * `byId` in one of the registry's formats: `serialized` answers a PROTOBUF schema as its
   * base64 FileDescriptorProto (what Confluent's registry does; converters without a .proto
   * parser read it). Other formats, and other schema types, answer the schema as registered.
   */
  async byIdIn(registryId: string, id: number, subject: string | undefined, format: string | undefined, readable: Readable = ANY): Promise<RegisteredSchema> {
    return this.inFormat(registryId, await this.byId(registryId, id, subject, readable), format);
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
   * confluent_schema reads back), those the caller may read; `latestOnly`: each subject's newest.
   * `limit` < 0: no limit.
   */
  async list(registryId: string, o: { prefix: string; deleted: boolean; latestOnly: boolean; offset: number; limit: number }, readable: Readable = ANY): Promise<(RegisteredSchema & { subject: string; version: number })[]> {
    let versions = (await repo.listVersionsByPrefix(this.db, registryId, o.prefix, o.deleted)).filter((v) => readable(v.subject));
    if (o.latestOnly) versions = versions.filter((v, i) => versions[i + 1]?.subject !== v.subject);
    versions = versions.slice(Math.max(0, o.offset), o.limit >= 0 ? Math.max(0, o.offset) + o.limit : undefined);
    const schemas = await repo.findSchemasByIds(this.db, registryId, [...new Set(versions.map((v) => v.schemaId))]);
    return versions.map((v) => ({ ...schemas.get(v.schemaId)!, subject: v.subject, version: v.version }));
  }

  /** The subject versions using the schema, those the caller may read. */
  async subjectVersionsOf(registryId: string, id: number, includeDeleted = false, readable: Readable = ANY): Promise<{ subject: string; version: number }[]> {
    await this.byId(registryId, id, undefined, readable);
    const users = await repo.versionsOfSchema(this.db, registryId, id);
    return users.filter((u) => (includeDeleted || !u.deleted) && readable(u.subject)).map((u) => ({ subject: u.subject, version: u.version }));
  }

  async subjectsOf(registryId: string, id: number, includeDeleted = false, readable: Readable = ANY): Promise<string[]> {
    return [...new Set((await this.subjectVersionsOf(registryId, id, includeDeleted, readable)).map((u) => u.subject))];
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
