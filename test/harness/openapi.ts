// Validating response bodies against the vendored Confluent Cloud OpenAPI 3.0 specs.
// The specs are read at run time from ../shared/reference/openapi/<name>.yaml (never copied here).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { parse } from 'yaml';

export type SpecName = 'connect-v1' | 'iam-v2' | 'org-v2' | 'cmk-v2' | 'ccpm-v1' | 'connect-custom-plugin-v1' | 'metrics-v2' | 'srcm-v3' | 'schema-registry-v1';

export interface SpecValidator {
  /** Validates a response body against the spec's schema for that operation and status.
   * `pathTemplate` is the spec path key exactly (including the connect/v1 `...connectors?expand=info,status,id` key);
   * method lower-case; status a number. Returns readable error strings (empty = valid). Throws if the spec declares
   * no JSON schema for that operation+status; an undeclared status falls back to `NXX`, then `default`, else throws. */
  validateResponse(method: string, pathTemplate: string, status: number, body: unknown): string[];
  /** Validates against a named component schema, e.g. 'connect.v1.Connector'. */
  validateSchema(name: string, body: unknown): string[];
  /** All method+path pairs of the spec, for coverage checks (operationId is '' where the spec has none). */
  operations(): { method: string; path: string; operationId: string }[];
  /** Every declared response (status key as written: '200', '4XX', 'default') that has a JSON schema. */
  responseKeys(): { method: string; path: string; status: string }[];
  /** Compiles the JSON schema of one declared response (status key as written); throws if it cannot. */
  compileResponse(method: string, pathTemplate: string, statusKey: string): void;
}

type Obj = Record<string, unknown>;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const cache = new Map<SpecName, SpecValidator>();

// ajv-formats is CommonJS: at run time the default import is the plugin itself; its typings describe the module.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin = ((addFormatsImport as unknown as { default?: FormatsPlugin }).default
  ?? (addFormatsImport as unknown as FormatsPlugin));

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function specPath(name: string): string {
  return path.resolve(repoRoot, '..', 'shared', 'reference', 'openapi', `${name}.yaml`);
}

/** Follows local `$ref`s ('#/a/b') within the document (used for `#/components/responses/...`). */
function deref(doc: Obj, value: unknown): unknown {
  let current = value;
  for (let hops = 0; isObj(current) && typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref;
    if (hops > 20 || !ref.startsWith('#/')) throw new Error(`cannot resolve $ref ${ref}`);
    let target: unknown = doc;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      target = isObj(target) ? target[key] : undefined;
    }
    if (target === undefined) throw new Error(`dangling $ref ${ref}`);
    current = target;
  }
  return current;
}

/** Visits every schema object reachable without following `$ref`s. */
function walkSchema(schema: unknown, visit: (s: Obj) => void, seen = new WeakSet<Obj>()): void {
  if (!isObj(schema) || seen.has(schema)) return;
  seen.add(schema);
  visit(schema);
  for (const k of ['items', 'additionalProperties', 'not']) walkSchema(schema[k], visit, seen);
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[k];
    if (Array.isArray(list)) for (const s of list) walkSchema(s, visit, seen);
  }
  if (isObj(schema.properties)) for (const s of Object.values(schema.properties)) walkSchema(s, visit, seen);
}

/** Ajv compiles `pattern` with the `u` flag, which rejects identity escapes of non-syntax characters that plain
 * ECMA-262 regexes accept (org-v2's Organization display_name pattern escapes a double quote: `\"`). Those escapes
 * mean the bare character, so they are dropped; patterns that are already valid are left alone. */
function unicodeSafePattern(pattern: string): string {
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    return pattern.replace(/\\([^A-Za-z0-9\\^$.*+?()[\]{}|/-])/g, '$1');
  }
}

/** OpenAPI 3.0 `nullable` in JSON Schema terms. Ajv handles `nullable` natively only next to `type`, and its `enum`
 * check still rejects null, so: null is added to a nullable enum; a nullable schema without `type` becomes anyOf. */
function normalizeSchema(s: Obj, formats: Set<string>): void {
  if (typeof s.format === 'string') formats.add(s.format);
  if (typeof s.pattern === 'string') s.pattern = unicodeSafePattern(s.pattern);
  if (s.nullable !== true) return;
  if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
  if (s.type === undefined) {
    const inner: Obj = { ...s };
    delete inner.nullable;
    for (const k of Object.keys(s)) delete s[k];
    s.anyOf = [{ type: 'null' }, inner];
  }
}

function jsonContentSchema(doc: Obj, response: unknown): unknown {
  const resolved = deref(doc, response);
  if (!isObj(resolved) || !isObj(resolved.content)) return undefined;
  const key = Object.keys(resolved.content).find((k) => k === 'application/json')
    ?? Object.keys(resolved.content).find((k) => /^application\/([\w.-]+\+)?json\b/.test(k));
  const media = key === undefined ? undefined : resolved.content[key];
  return isObj(media) ? media.schema : undefined;
}

/** Deep copy with document-local `$ref`s ('#/...') made absolute against the registered document id. */
function absolutizeRefs(value: unknown, docId: string): unknown {
  if (Array.isArray(value)) return value.map((v) => absolutizeRefs(v, docId));
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${docId}${v}` : absolutizeRefs(v, docId);
  }
  return out;
}

function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = `body${e.instancePath}`;
    const p = e.params as Obj;
    let extra = '';
    if (e.keyword === 'additionalProperties') extra = ` (${String(p.additionalProperty)})`;
    else if (e.keyword === 'enum') extra = ` (${JSON.stringify(p.allowedValues)})`;
    return `${where} ${e.message ?? e.keyword}${extra} [schema ${e.schemaPath}]`;
  });
}

function createValidator(name: SpecName): SpecValidator {
  const parsed: unknown = parse(readFileSync(specPath(name), 'utf8'));
  if (!isObj(parsed) || !isObj(parsed.paths)) throw new Error(`${name}: not an OpenAPI document`);
  const doc = parsed;
  const paths = parsed.paths;
  const components = isObj(doc.components) ? doc.components : {};
  const schemas = isObj(components.schemas) ? components.schemas : {};

  const operation = (method: string, pathTemplate: string): Obj => {
    const item = paths[pathTemplate];
    const op = isObj(item) ? item[method.toLowerCase()] : undefined;
    if (!isObj(op)) throw new Error(`${name}: no operation ${method.toUpperCase()} ${pathTemplate}`);
    return op;
  };
  const responsesOf = (op: Obj): Obj => (isObj(op.responses) ? op.responses : {});

  // Normalize every schema position the validator can reach, then collect formats the specs use.
  const formats = new Set<string>();
  const visit = (s: Obj): void => normalizeSchema(s, formats);
  for (const s of Object.values(schemas)) walkSchema(s, visit);
  const allResponses: unknown[] = isObj(components.responses) ? Object.values(components.responses) : [];
  for (const item of Object.values(paths)) {
    if (!isObj(item)) continue;
    for (const m of HTTP_METHODS) if (isObj(item[m])) allResponses.push(...Object.values(responsesOf(item[m])));
  }
  for (const r of allResponses) walkSchema(jsonContentSchema(doc, r), visit);

  const ajv = new Ajv({ strict: false, allErrors: true, discriminator: false });
  addFormats(ajv);
  // OpenAPI 3.0 data-type formats.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  for (const f of ['float', 'double']) ajv.addFormat(f, { type: 'number', validate: () => true });
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  for (const f of ['binary', 'password']) ajv.addFormat(f, true);
  // Free-text formats (metrics-v2 writes e.g. "ISO-8601 interval (...)") are documentation only.
  for (const f of formats) if (ajv.formats[f] === undefined) ajv.addFormat(f, true);
  ajv.addSchema(doc, name);

  const compiled = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: unknown): ValidateFunction => {
    let fn = compiled.get(key);
    if (!fn) {
      if (!isObj(schema)) throw new Error(`${name}: ${key} is not a schema object`);
      fn = ajv.compile(absolutizeRefs(schema, name) as Obj);
      compiled.set(key, fn);
    }
    return fn;
  };

  const schemaFor = (method: string, pathTemplate: string, statusKey: string): unknown => {
    const where = `${name}: ${method.toUpperCase()} ${pathTemplate} ${statusKey}`;
    const schema = jsonContentSchema(doc, responsesOf(operation(method, pathTemplate))[statusKey]);
    if (!isObj(schema)) throw new Error(`${where}: the spec declares no JSON schema for this response`);
    return schema;
  };

  const compileResponse = (method: string, pathTemplate: string, statusKey: string): ValidateFunction =>
    compile(`response ${method.toLowerCase()} ${pathTemplate} ${statusKey}`, schemaFor(method, pathTemplate, statusKey));

  return {
    validateResponse(method, pathTemplate, status, body) {
      const declared = responsesOf(operation(method, pathTemplate));
      const statusKey = [String(status), `${String(status).charAt(0)}XX`, 'default'].find((k) => k in declared);
      if (statusKey === undefined) {
        throw new Error(`${name}: ${method.toUpperCase()} ${pathTemplate} declares no ${status} response and no default`
          + ` (declared: ${Object.keys(declared).join(', ')})`);
      }
      const fn = compileResponse(method, pathTemplate, statusKey);
      return fn(body) ? [] : formatErrors(fn.errors);
    },
    validateSchema(schemaName, body) {
      if (!isObj(schemas[schemaName])) throw new Error(`${name}: no component schema ${schemaName}`);
      const pointer = `#/components/schemas/${encodeURIComponent(schemaName.replace(/~/g, '~0').replace(/\//g, '~1'))}`;
      const fn = compile(`schema ${schemaName}`, { $ref: pointer });
      return fn(body) ? [] : formatErrors(fn.errors);
    },
    operations() {
      const out: { method: string; path: string; operationId: string }[] = [];
      for (const [p, item] of Object.entries(paths)) {
        if (!isObj(item)) continue;
        for (const m of HTTP_METHODS) {
          const op = item[m];
          if (isObj(op)) out.push({ method: m, path: p, operationId: typeof op.operationId === 'string' ? op.operationId : '' });
        }
      }
      return out;
    },
    responseKeys() {
      const out: { method: string; path: string; status: string }[] = [];
      for (const { method, path: p } of this.operations()) {
        for (const [status, response] of Object.entries(responsesOf(operation(method, p)))) {
          if (isObj(jsonContentSchema(doc, response))) out.push({ method, path: p, status });
        }
      }
      return out;
    },
    compileResponse(method, pathTemplate, statusKey) {
      compileResponse(method, pathTemplate, statusKey);
    },
  };
}

/** Loads (once per name) and returns a validator for one of the vendored specs. */
export function loadSpec(name: SpecName): SpecValidator {
  let spec = cache.get(name);
  if (!spec) {
    spec = createValidator(name);
    cache.set(name, spec);
  }
  return spec;
}

/** node:assert failure listing the spec errors and the offending body. */
export function assertMatchesSpec(spec: SpecValidator, method: string, pathTemplate: string, status: number, body: unknown): void {
  const errors = spec.validateResponse(method, pathTemplate, status, body);
  if (errors.length === 0) return;
  let shown = JSON.stringify(body, null, 2) ?? String(body);
  if (shown.length > 4000) shown = `${shown.slice(0, 4000)}\n... (${shown.length} chars)`;
  assert.fail(`${method.toUpperCase()} ${pathTemplate} -> ${status} does not match the spec:\n`
    + `${errors.map((e) => `  - ${e}`).join('\n')}\nbody: ${shown}`);
}
