// What a list shows: exactly what the caller could read one by one, decided by the same rule as
// the read routes (read_status on the item), so a binding the rules ignore (issue 7.6) reveals
// nothing through a list either.
import type { Caller } from '../../services/authenticator.ts';
import type { Authorizer } from '../../services/authorizer.ts';
import type { ScopeRef } from '../policy.ts';

export async function readableBy<T>(authorizer: Authorizer, caller: Caller, rows: readonly T[], scopeOf: (row: T) => ScopeRef): Promise<T[]> {
  const allowed = await Promise.all(rows.map(async (row) => (await authorizer.decide(caller, 'read_status', scopeOf(row))) === 'allow'));
  return rows.filter((_row, i) => allowed[i]);
}
