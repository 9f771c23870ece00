// The managed plugins Cirrus offers, found by alias or by any class name users know.
import { datagenSource } from './datagen-source.ts';
import { isSensitive, type ManagedPlugin } from './types.ts';

export const MANAGED_PLUGINS: readonly ManagedPlugin[] = [datagenSource];

export function findManagedPlugin(classOrAlias: string): ManagedPlugin | undefined {
  return MANAGED_PLUGINS.find((p) => p.alias === classOrAlias || p.otherClassNames.includes(classOrAlias));
}

const sensitiveByPlugin = new WeakMap<ManagedPlugin, ReadonlySet<string>>();

/** The plugin's secret keys; computed once per plugin, as every masked answer asks for them. */
export function sensitiveKeys(plugin: ManagedPlugin): ReadonlySet<string> {
  let keys = sensitiveByPlugin.get(plugin);
  if (!keys) {
    keys = new Set(plugin.definitions.filter(isSensitive).map((d) => d.name));
    sensitiveByPlugin.set(plugin, keys);
  }
  return keys;
}

export type { ManagedPlugin } from './types.ts';
