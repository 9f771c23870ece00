// Opens the store and brings its schema up to date. SQLite (better-sqlite3) is the embedded
// default; the migrations use portable types so PostgreSQL can follow.
import Database from 'better-sqlite3';
import {
  Kysely, Migrator, SqliteDialect, type KyselyPlugin, type Migration, type MigrationProvider, type PluginTransformQueryArgs,
  type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type Transaction, type UnknownRow,
} from 'kysely';
import type { DB } from './schema.ts';
import { guardedDataVersion, oncePerTurn, walIndexHeader } from './other-writers.ts';
import * as identity from './migrations/202611261800_identity.ts';
import * as connectors from './migrations/202611261900_connectors.ts';
import * as clusterDetails from './migrations/202611262000_cluster_details.ts';
import * as audit from './migrations/202611262100_audit.ts';
import * as environmentGovernance from './migrations/202611301000_environment_governance.ts';
import * as clusterCapacity from './migrations/202611301001_cluster_capacity.ts';
import * as organizationUpdatedAt from './migrations/202611301002_organization_updated_at.ts';
import * as dataPlane from './migrations/202611301100_data_plane.ts';
import * as customPlugins from './migrations/202611301400_custom_plugins.ts';
import * as pluginDiscovery from './migrations/202611301500_plugin_discovery.ts';
import * as auditAggregates from './migrations/202611301200_audit_aggregates.ts';
import * as uploads from './migrations/202611301300_uploads.ts';
import * as offsetsRequests from './migrations/202612011000_offsets_requests.ts';
import * as connectorRestarts from './migrations/202612011130_connector_restarts.ts';
import * as metrics from './migrations/202612011200_metrics.ts';
import * as metricStates from './migrations/202612011300_metric_states.ts';
import * as schemaRegistry from './migrations/202612021000_schema_registry.ts';
import * as registryConfigFields from './migrations/202612031000_registry_config_fields.ts';

/** Listed explicitly, in order: a migration is code we ship, not files we discover at run time. */
const MIGRATIONS: Record<string, Migration> = {
  '202611261800_identity': identity,
  '202611261900_connectors': connectors,
  '202611262000_cluster_details': clusterDetails,
  '202611262100_audit': audit,
  '202611301000_environment_governance': environmentGovernance,
  '202611301001_cluster_capacity': clusterCapacity,
  '202611301002_organization_updated_at': organizationUpdatedAt,
  '202611301100_data_plane': dataPlane,
  '202611301400_custom_plugins': customPlugins,
  '202611301500_plugin_discovery': pluginDiscovery,
  '202611301200_audit_aggregates': auditAggregates,
  '202611301300_uploads': uploads,
  '202612011000_offsets_requests': offsetsRequests,
  '202612011130_connector_restarts': connectorRestarts,
  '202612011200_metrics': metrics,
  '202612011300_metric_states': metricStates,
  '202612021000_schema_registry': schemaRegistry,
  '202612031000_registry_config_fields': registryConfigFields,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export type Store = Kysely<DB>;

/** What repositories take first (C11): the store, or a transaction the caller owns. */
export type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Kysely's SQLite driver prepares every statement afresh; preparing was half the store's CPU
 * time on hot reads (bench/RESULTS.md). Statements are reusable, so keep them by SQL text.
 */
function withStatementCache(sqlite: Database.Database, onClose: () => void, limit = 500) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => {
      onClose();
      sqlite.close();
    },
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        // An `in (?, ?, …)` over all connectors has a new text for every count: keeping each
        // held hundreds of large statements (≈ 30 MiB with 1,000 connectors, issue 13).
        if (countParameters(sql) > MAX_CACHED_PARAMETERS) return statement;
        if (cache.size >= limit) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * How often the store was written: by this process (any statement but a SELECT, counted as it is
 * sent, so before it commits), and by others once noticeOtherWriters has seen it. In-memory read
 * caches (store/read-cache.ts) compare it and start afresh when it moved.
 */
const versions = new WeakMap<Store, { writes: number; otherWriters: () => number; seenOtherWriters: number }>();

class CountWrites implements KyselyPlugin {
  constructor(private readonly counter: { writes: number }) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (args.node.kind !== 'SelectQueryNode') this.counter.writes++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export function storeVersion(db: Store): number {
  return versions.get(db)?.writes ?? 0;
}

/**
 * Looks whether another connection — another process, such as `cirrus keys revoke` — committed
 * since last asked (SQLite's data_version, asked only when the WAL-index header moved:
 * store/other-writers.ts), and if so moves storeVersion. Authentication calls it first in every request,
 * so that request already reads what the other process wrote.
 */
export function noticeOtherWriters(db: Store): void {
  const version = versions.get(db);
  if (!version) return;
  const now = version.otherWriters();
  if (now !== version.seenOtherWriters) {
    version.seenOtherWriters = now;
    version.writes++;
  }
}

const MAX_CACHED_PARAMETERS = 32;

function countParameters(sql: string): number {
  let count = 0;
  for (let at = sql.indexOf('?'); at >= 0 && count <= MAX_CACHED_PARAMETERS; at = sql.indexOf('?', at + 1)) count++;
  return count;
}

export interface StoreOptions {
  /** Told each query's duration and whether it failed (GET /metrics, store latency). */
  onQuery?: (milliseconds: number, ok: boolean) => void;
  /** More Kysely plugins, after the store's own (tests: a store whose answers arrive later, as over a network). */
  plugins?: KyselyPlugin[];
}

export async function openStore(file: string, options: StoreOptions = {}): Promise<Store> {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const { onQuery } = options;
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  const version = { writes: 0, otherWriters: () => dataVersion.get() as number, seenOtherWriters: 0 };
  const onClose: (() => void)[] = [];
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite, () => onClose.forEach((close) => close())) }),
    plugins: [new CountWrites(version), ...(options.plugins ?? [])],
    ...(onQuery ? { log: (event) => onQuery(event.queryDurationMillis, event.level === 'query') } : {}),
  });
  version.seenOtherWriters = version.otherWriters();
  versions.set(db, version);
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`store migration ${failed} failed: ${(error as Error).message}`);
  }
  // The WAL index exists once the store was read in WAL mode (the migrations did).
  const header = walIndexHeader(file);
  if (header) {
    onClose.push(header.close);
    version.otherWriters = oncePerTurn(guardedDataVersion(header, () => dataVersion.get() as number));
    version.seenOtherWriters = version.otherWriters();
  }
  return db;
}
