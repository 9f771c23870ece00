// The Metrics API filter (CONTRACT §3.1): a field comparison (EQ, GT, GTE; labels compare as
// strings, lexicographically) or AND/OR over filters, or NOT of one. The variant is chosen by `op`.
import { InvalidRequest } from '../errors.ts';
import { isLabel, LABELS, type Label } from './catalog.ts';

export type Filter =
  | { op: 'EQ' | 'GT' | 'GTE'; field: Label; value: string }
  | { op: 'AND' | 'OR'; filters: Filter[] }
  | { op: 'NOT'; filter: Filter };

const MAX_DEPTH = 16;

function invalid(message: string): InvalidRequest {
  return new InvalidRequest(message, '/filter');
}

export function parseFilter(raw: unknown, depth = 0): Filter {
  if (depth > MAX_DEPTH) throw invalid(`filter: nested more than ${MAX_DEPTH} levels`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('filter: expected an object');
  const f = raw as Record<string, unknown>;
  switch (f.op) {
    case 'EQ': case 'GT': case 'GTE': {
      if (!isLabel(f.field)) throw invalid(`filter: unknown field ${JSON.stringify(f.field ?? null)}; connector metrics have ${LABELS.join(', ')}`);
      if (typeof f.value !== 'string' && !Number.isInteger(f.value)) throw invalid(`filter: the value of ${f.field} must be a string or an integer`);
      return { op: f.op, field: f.field, value: String(f.value) };
    }
    case 'AND': case 'OR': {
      if (!Array.isArray(f.filters) || f.filters.length === 0) throw invalid(`filter: ${f.op} needs a non-empty "filters" array`);
      return { op: f.op, filters: f.filters.map((x) => parseFilter(x, depth + 1)) };
    }
    case 'NOT':
      return { op: 'NOT', filter: parseFilter(f.filter, depth + 1) };
    default:
      throw invalid(`filter: unknown op ${JSON.stringify(f.op ?? null)}; expected EQ, GT, GTE, AND, OR or NOT`);
  }
}

/** Every field the filter compares. */
export function fieldsOf(filter: Filter): Label[] {
  if ('field' in filter) return [filter.field];
  if (filter.op === 'NOT') return fieldsOf(filter.filter);
  return filter.filters.flatMap(fieldsOf);
}

/** Whether the filter names a resource at all (a cloud query must, CONTRACT §3). */
export function namesResource(filter: Filter): boolean {
  if ('field' in filter) return filter.field.startsWith('resource.');
  if (filter.op === 'NOT') return namesResource(filter.filter);
  return filter.filters.some(namesResource);
}

