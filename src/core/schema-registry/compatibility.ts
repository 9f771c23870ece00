// Compatibility of a new schema with a subject's earlier ones, as Confluent's levels define it:
// BACKWARD — consumers using the new schema read data written with the old one;
// FORWARD — consumers still on the old schema read data written with the new one;
// FULL — both; _TRANSITIVE — against every earlier version, not only the latest.
import { compatibilityPlan, type CompatibilityLevel } from './model.ts';
import type { SchemaFormat } from './format.ts';

/** Messages describing each incompatibility; empty when compatible. `earlier` is oldest first. */
export function compatibilityProblems<P extends { canonical: string }>(
  format: SchemaFormat<P>, level: CompatibilityLevel, candidate: P, earlier: readonly { version: number; parsed: P }[],
): string[] {
  if (level === 'NONE' || earlier.length === 0) return [];
  const plan = compatibilityPlan(level);
  const against = plan.transitive ? earlier : earlier.slice(-1);
  const problems: string[] = [];
  for (const { version, parsed } of against) {
    if (plan.backward) {
      for (const p of format.readProblems(candidate, parsed)) problems.push(`BACKWARD: the new schema cannot read data written with version ${version}: ${p}`);
    }
    if (plan.forward) {
      for (const p of format.readProblems(parsed, candidate)) problems.push(`FORWARD: version ${version} cannot read data written with the new schema: ${p}`);
    }
  }
  return problems;
}
