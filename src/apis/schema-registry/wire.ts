// Request schemas and wire shapes shared by the Schema Registry routes (issue 14). Query
// flags arrive as strings (no coercion, http/app.ts) and are read with `flag`.
import type { FastifyRequest } from 'fastify';
import type { RegisteredSchema } from '../../core/schema-registry/model.ts';
import type { SchemaRegistryServices } from '../../services/schema-registry/index.ts';
import { registryOf } from './policy.ts';

export type RegistryDeps = SchemaRegistryServices;

export const text = { type: 'string' } as const;
export const subjectParams = { type: 'object', required: ['subject'], properties: { subject: text } } as const;
export const versionParams = { type: 'object', required: ['subject', 'version'], properties: { subject: text, version: text } } as const;
export const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9]{1,10}$' } } } as const;
export const flags = (...names: string[]) => ({ type: 'object', properties: Object.fromEntries(names.map((n) => [n, text])) }) as const;

const reference = { type: 'object', required: ['name', 'subject', 'version'], properties: { name: text, subject: text, version: { type: 'integer' } } } as const;
/** What register, lookup and the compatibility checks take; metadata and rule sets are not kept. */
export const schemaBody = {
  type: 'object', required: ['schema'],
  properties: { schema: text, schemaType: text, references: { type: 'array', items: reference } },
} as const;

export interface SchemaBody {
  schema: string;
  schemaType?: string;
  references?: { name: string; subject: string; version: number }[];
}

export function registry(request: FastifyRequest): string {
  return registryOf(request);
}

/** The subjects the caller may read (the guard decided them; none when it did not run). */
export function readable(request: FastifyRequest): (subject: string) => boolean {
  return request.readableSubject ?? (() => false);
}

export function flag(value: string | undefined): boolean {
  return value === 'true';
}

/** Confluent leaves out `schemaType` for AVRO and `references` when there are none. */
export function toWireSchema(schema: RegisteredSchema) {
  return {
    ...(schema.schemaType === 'AVRO' ? {} : { schemaType: schema.schemaType }),
    ...(schema.references.length > 0 ? { references: schema.references } : {}),
    schema: schema.schema,
  };
}

export function toWireSubjectSchema(schema: RegisteredSchema & { subject: string; version: number }) {
  return { subject: schema.subject, version: schema.version, id: schema.id, ...toWireSchema(schema) };
}
