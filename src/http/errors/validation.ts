// Fastify's schema validation errors (Ajv error objects) as a message a client can act on and the
// place at fault: a JSON pointer into the body, or the name of a query or path parameter
// (CONTRACT §5.3 `source.pointer` / `source.parameter`).
import { fieldName } from '../../core/validation.ts';

interface AjvErrorLike {
  keyword?: string;
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

export interface DescribedValidation {
  message: string;
  pointer?: string;
  parameter?: string;
}

const escapeSegment = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

const TYPE_PHRASES: Record<string, string> = {
  object: 'a JSON object', array: 'a JSON array', string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean', null: 'null',
};

function problemOf(error: AjvErrorLike, context: string): string {
  const p = error.params ?? {};
  switch (error.keyword) {
    case 'required': return 'is required';
    case 'additionalProperties': return 'is not allowed here';
    case 'type': {
      // Query values are strings or, when repeated, arrays: a type error is a repetition.
      if (context === 'querystring' && p.type === 'string') return 'takes one value; it was given more than once';
      const types = String(p.type).split(',').map((t) => TYPE_PHRASES[t] ?? t);
      return `must be ${types.join(' or ')}`;
    }
    case 'enum': return `must be one of ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'minimum': return `must be at least ${String(p.limit)}`;
    case 'maximum': return `must be at most ${String(p.limit)}`;
    case 'minLength': return p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters`;
    case 'maxLength': return `must be at most ${String(p.limit)} characters`;
    case 'minItems': return `must hold at least ${String(p.limit)} items`;
    case 'maxItems': return `must hold at most ${String(p.limit)} items`;
    case 'minProperties': return 'must not be empty';
    case 'pattern': return 'does not have the expected format';
    default: return error.message ?? 'is not valid';
  }
}

/** Describes the first validation error of a request part (`body`, `querystring`, `params`, `headers`). */
export function describeValidation(errors: unknown, context: string | undefined): DescribedValidation {
  const error = (Array.isArray(errors) ? errors[0] : undefined) as AjvErrorLike | undefined;
  const part = context ?? 'body';
  if (!error) return { message: `The request ${part} is not valid` };
  const p = error.params ?? {};
  const extra = error.keyword === 'required' ? p.missingProperty : error.keyword === 'additionalProperties' ? p.additionalProperty : undefined;
  const pointer = `${error.instancePath ?? ''}${typeof extra === 'string' ? `/${escapeSegment(extra)}` : ''}`;
  const problem = problemOf(error, part);
  if (part === 'body') {
    const label = pointer === '' ? 'The request body' : fieldName(pointer);
    return pointer === '' ? { message: `${label} ${problem}` } : { message: `${label} ${problem}`, pointer };
  }
  // Query and path parameters are flat: the first segment is the parameter's name.
  const parameter = fieldName(`/${pointer.split('/')[1] ?? ''}`);
  if (!parameter) return { message: `The request ${part} ${problem}` };
  return { message: `${parameter} ${problem}`, parameter };
}
