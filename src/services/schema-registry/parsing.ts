// Turns what a client sends (schema text, type, references) into a parsed schema and the
// fingerprint equal schemas share, resolving references against the registry's own versions.
// Stored schemas are parsed once and kept: ids never change their schema, so the cache never
// goes stale.
import { createHash } from 'node:crypto';
import { formatOf, type ResolvedReference } from '../../core/schema-registry/format.ts';
import { REGISTRY_CODES, RegistryError } from '../../core/schema-registry/errors.ts';
import { schemaTypeOf, type RegisteredSchema, type SchemaReference, type SchemaType } from '../../core/schema-registry/model.ts';
import type { Executor, Store } from '../../store/database.ts';
import { findSchemaById, listSubjectVersions } from '../../store/schema-registry.ts';

export interface SchemaInput {
  schema?: unknown;
  schemaType?: unknown;
  references?: unknown;
}

export interface Parsed {
  canonical: string;
  /** The text to keep, when not the canonical one (format.ts). */
  stored?: string;
}

export interface Candidate {
  schemaType: SchemaType;
  parsed: Parsed;
  references: SchemaReference[];
  fingerprint: string;
}

function referencesOf(value: unknown): SchemaReference[] {
  if (value === undefined || value === null) return [];
  const ok = Array.isArray(value) && value.every((r) => r && typeof r.name === 'string' && typeof r.subject === 'string' && Number.isInteger(r.version));
  if (!ok) throw new RegistryError(REGISTRY_CODES.unprocessable, 'references must be a list of {name, subject, version}');
  // One key order, so equal references give equal fingerprints.
  return (value as SchemaReference[]).map((r) => ({ name: r.name, subject: r.subject, version: r.version }));
}

export class SchemaParser {
  private readonly cache = new Map<string, Parsed>();

  constructor(private readonly db: Store, private readonly cacheLimit = 10_000) {}

  async candidate(registryId: string, input: SchemaInput): Promise<Candidate> {
    if (typeof input.schema !== 'string' || input.schema.trim() === '') throw new RegistryError(REGISTRY_CODES.invalidSchema, 'Invalid schema: the schema is missing or empty');
    const schemaType = schemaTypeOf(input.schemaType);
    const references = referencesOf(input.references);
    const parsed = formatOf(schemaType).parse(input.schema, await this.resolve(registryId, references));
    const fingerprint = createHash('sha256').update(`${schemaType}\n${parsed.canonical}\n${JSON.stringify(references)}`).digest('hex');
    return { schemaType, parsed, references, fingerprint };
  }

  /** A stored schema parsed (its references read through `db`, a transaction, when given). */
  async stored(registryId: string, schema: RegisteredSchema, db: Executor = this.db): Promise<Parsed> {
    const key = `${registryId}/${schema.id}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const parsed = formatOf(schema.schemaType).parse(schema.schema, await this.resolve(registryId, schema.references, db));
    if (this.cache.size >= this.cacheLimit) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, parsed);
    return parsed;
  }

  /** Throws 42201 unless every reference still names a live version (read through `db`, the registering transaction). */
  async referencesLive(registryId: string, references: readonly SchemaReference[], db: Executor): Promise<void> {
    await this.resolve(registryId, references, db);
  }

  private async resolve(registryId: string, references: readonly SchemaReference[], db: Executor = this.db): Promise<ResolvedReference[]> {
    const out: ResolvedReference[] = [];
    for (const reference of references) {
      const version = (await listSubjectVersions(db, registryId, reference.subject)).find((v) => v.version === reference.version && !v.deleted);
      const schema = version && await findSchemaById(db, registryId, version.schemaId);
      if (!schema) throw new RegistryError(REGISTRY_CODES.invalidSchema, `Invalid schema: reference ${reference.name} names ${reference.subject} version ${reference.version}, which does not exist`);
      // A referenced schema's own references come first (Avro names, Protobuf imports).
      out.push(...await this.resolve(registryId, schema.references, db), { name: reference.name, schema: schema.schema });
    }
    return out;
  }
}
