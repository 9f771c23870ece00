// Frozen once merged (C12). Connector metrics (issue 12): per-minute points of each metric of a
// connector (counters as the increase within that minute, summed over its tasks), and the last
// raw value of each task's counter, so the next scrape's increase survives a control-plane
// restart and a reset of the counter (a task or pool restart) is seen as one.
// No foreign key to connectors: a deleted connector's metrics stay queryable for the retention.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('metric_points')
    .addColumn('connector_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('kafka_cluster_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('metric', 'varchar(128)', (c) => c.notNull())
    /** Minutes since the epoch (UTC): the point covers [minute, minute + 1). */
    .addColumn('minute', 'integer', (c) => c.notNull())
    .addColumn('value', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('metric_points_pk', ['connector_id', 'metric', 'minute'])
    .execute();
  await db.schema.createIndex('metric_points_by_metric').on('metric_points').columns(['metric', 'minute']).execute();
  await db.schema.createTable('metric_counters')
    .addColumn('connector_id', 'varchar(64)', (c) => c.notNull())
    /** `connector` or `task-<n>`: whose counter. */
    .addColumn('source', 'varchar(32)', (c) => c.notNull())
    .addColumn('metric', 'varchar(128)', (c) => c.notNull())
    .addColumn('value', 'real', (c) => c.notNull())
    .addColumn('observed_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('metric_counters_pk', ['connector_id', 'source', 'metric'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('metric_counters').execute();
  await db.schema.dropTable('metric_points').execute();
}
