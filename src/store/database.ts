// Opens the store and brings its schema up to date. SQLite (better-sqlite3) is the embedded
// default; the migrations use portable types so PostgreSQL can follow.
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration, type MigrationProvider, type Transaction } from 'kysely';
import type { DB } from './schema.ts';
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
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export type Store = Kysely<DB>;

/** What repositories take first (C11): the store, or a transaction the caller owns. */
export type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Kysely's SQLite driver prepares every statement afresh; preparing was half the store's CPU
 * time on hot reads (bench/RESULTS.md). Statements are reusable, so keep them by SQL text.
 */
function withStatementCache(sqlite: Database.Database, limit = 500) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (!statement) {
        if (cache.size >= limit) cache.delete(cache.keys().next().value!);
        statement = sqlite.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

export interface StoreOptions {
  /** Told each query's duration and whether it failed (GET /metrics, store latency). */
  onQuery?: (milliseconds: number, ok: boolean) => void;
}

export async function openStore(file: string, options: StoreOptions = {}): Promise<Store> {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const { onQuery } = options;
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    ...(onQuery ? { log: (event) => onQuery(event.queryDurationMillis, event.level === 'query') } : {}),
  });
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`store migration ${failed} failed: ${(error as Error).message}`);
  }
  return db;
}
