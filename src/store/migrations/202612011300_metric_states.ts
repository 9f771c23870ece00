// Frozen once merged (C12). Connector and task status metrics (issue 12): the state a connector
// or one of its tasks was seen in during each minute. A status metric is a gauge whose value is
// always 1 and whose meaning is its `status` label, so a row is the state, not a number.
// No foreign key to connectors, as for metric_points: a deleted connector's history stays for the retention.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('metric_states')
    .addColumn('connector_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('kafka_cluster_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('metric', 'varchar(128)', (c) => c.notNull())
    /** The task's number, or '' for the connector itself. */
    .addColumn('task', 'varchar(16)', (c) => c.notNull())
    .addColumn('minute', 'integer', (c) => c.notNull())
    /** Connect's state in upper case: RUNNING, PAUSED, FAILED, UNASSIGNED, RESTARTING, STOPPED. */
    .addColumn('status', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('metric_states_pk', ['connector_id', 'metric', 'task', 'minute'])
    .execute();
  await db.schema.createIndex('metric_states_by_metric').on('metric_states').columns(['metric', 'minute']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('metric_states').execute();
}
