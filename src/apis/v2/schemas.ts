// JSON schema pieces the v2 routes (iam/v2, org/v2, cmk/v2) build their own schemas from (C1).
// Ajv runs without coercion (http/app.ts): query values are strings, or arrays of strings when a
// parameter is repeated, so a single-valued parameter is `{type: 'string'}` and a repeated one
// fails as a 400 naming it. Request bodies must be JSON objects (issue 7.22). Read-only fields a
// client may echo back (api_version, kind, id, metadata) are left undeclared, so they are ignored.

/** A parameter that takes one value. */
export const single = { type: 'string' } as const;

/** A parameter the spec lets a client repeat (`display_name=a&display_name=b`). */
export const repeatable = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } as const;

/** page_size is parsed and range-checked by v2/paging.ts, which names it in its errors. */
export const pageQuery = { page_size: single, page_token: { type: 'string', maxLength: 255 } } as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 255 } },
} as const;

export const text = { type: 'string' } as const;

/** Optional text some generated clients send as null when unset. */
export const nullableText = { type: ['string', 'null'] } as const;

/** `{id, related?, resource_name?, environment?}`: only `id` is read. */
export const reference = { type: 'object', required: ['id'], properties: { id: text } } as const;

/** Shorthand for an object schema whose properties are all optional. */
export function objectOf<P extends Record<string, unknown>>(properties: P) {
  return { type: 'object', properties } as const;
}
