// The managed plugins Cirrus offers, found by alias or by any class name users know.
import { datagenSource } from './datagen-source.ts';
import { httpSink } from './http-sink.ts';
import { mySqlSink, postgresSink } from './jdbc-sinks.ts';
import { mySqlCdcSource } from './mysql-cdc-source.ts';
import { postgresCdcSource } from './postgres-cdc-source.ts';
import { s3Sink } from './s3-sink.ts';
import { isSensitive, type ManagedPlugin } from './types.ts';

export const MANAGED_PLUGINS: readonly ManagedPlugin[] = [datagenSource, postgresCdcSource, mySqlCdcSource, postgresSink, mySqlSink, s3Sink, httpSink];

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
