// The managed plugins Cirrus offers, found by alias or by any class name users know.
import { datagenSource } from './datagen-source.ts';
import { isSensitive, type ManagedPlugin } from './types.ts';

export const MANAGED_PLUGINS: readonly ManagedPlugin[] = [datagenSource];

export function findManagedPlugin(classOrAlias: string): ManagedPlugin | undefined {
  return MANAGED_PLUGINS.find((p) => p.alias === classOrAlias || p.otherClassNames.includes(classOrAlias));
}

export function sensitiveKeys(plugin: ManagedPlugin): Set<string> {
  return new Set(plugin.definitions.filter(isSensitive).map((d) => d.name));
}

export type { ManagedPlugin } from './types.ts';
