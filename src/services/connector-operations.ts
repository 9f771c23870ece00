// Operating a connector (issue 11): restart it in the engine, read its history (every mutation
// recorded with it), read its lines from its pool's log. Connector lookups and authorization
// stay with the connector service and the routes; this adds what acts on the engine or reads.
import type { ConnectPool } from '../core/cluster.ts';
import { MASK } from '../core/connector-config.ts';
import { Conflict, Unavailable } from '../core/errors.ts';
import { connectorLogEntries, type LogEntry, type LogQuery } from '../core/operate/connector-logs.ts';
import { readTail } from '../engine/pool-logs.ts';
import type { ConfigCipher } from '../store/config-cipher.ts';
import type { Store } from '../store/database.ts';
import { listOperationsOf, recordOperation, type StoredOperation } from '../store/operations.ts';
import { listConnectPools } from '../store/pools.ts';
import type { Addresses } from '../engine/addresses.ts';
import { ConnectError, type ConnectClient, type RestartOptions } from '../engine/connect-client.ts';
import type { ConnectorRecord, ConnectorService, Scope } from './connectors.ts';

export interface ConnectorOperationsDeps {
  db: Store;
  connectors: ConnectorService;
  client: ConnectClient;
  addresses: Addresses;
  cipher: ConfigCipher;
  /** A pool's log file, when this installation runs it. */
  poolLogFile: (poolId: string) => string | undefined;
  /** Wakes the reconciler, so the status shows the restart soon. */
  onChange: () => void;
  now: () => Date;
}

export interface RestartOutcome {
  record: ConnectorRecord;
  connector: { restarted: boolean; state: string };
  tasks: { id: number; restarted: boolean; state: string }[];
}

/** The most history one connector shows; older records stay in the operations table. */
const MAX_HISTORY = 1000;
/** How much of the end of a pool's log is read for one request. */
const LOG_TAIL_BYTES = 8 * 1024 * 1024;

export class ConnectorOperations {
  constructor(private readonly deps: ConnectorOperationsDeps) {}

  async restart(scope: Scope, name: string, options: RestartOptions, actor: string): Promise<RestartOutcome> {
    const record = await this.deps.connectors.get(scope, name);
    const { connector } = record;
    if (!record.status || record.status.state === 'PROVISIONING') throw notInEngine();
    const url = await this.poolUrl(record);
    let engine;
    try {
      engine = await this.deps.client.restart(url, connector.id, options);
    } catch (err) {
      if (err instanceof ConnectError && err.status === 404) throw notInEngine();
      if (err instanceof ConnectError && (err.unreachable || err.status >= 500)) throw new Unavailable('The connector\'s Kafka Connect pool cannot be reached; try again later');
      throw err;
    }
    // 204 (connector alone): Connect restarted the instance and no task.
    const outcome: RestartOutcome = engine
      ? {
        record, connector: { restarted: engine.connector.state === 'RESTARTING', state: engine.connector.state },
        tasks: engine.tasks.map((t) => ({ id: t.id, restarted: t.state === 'RESTARTING', state: t.state })),
      }
      : { record, connector: { restarted: true, state: 'RESTARTING' }, tasks: (record.status?.tasks ?? []).map((t) => ({ id: t.id, restarted: false, state: t.state })) };
    await recordOperation(this.deps.db, {
      operation: 'connect.connector.restart', resourceId: connector.id, actor, at: this.deps.now().toISOString(),
      detail: {
        name, include_tasks: options.includeTasks, only_failed: options.onlyFailed, outcome: 'restarted',
        restarted: { connector: outcome.connector.restarted, tasks: outcome.tasks.filter((t) => t.restarted).map((t) => t.id) },
      },
    });
    this.deps.onChange();
    return outcome;
  }

  /** Every mutation recorded for the connector, newest first. */
  async history(scope: Scope, name: string): Promise<{ record: ConnectorRecord; operations: StoredOperation[] }> {
    const record = await this.deps.connectors.get(scope, name);
    return { record, operations: await listOperationsOf(this.deps.db, record.connector.id, MAX_HISTORY) };
  }

  /** The connector's and its tasks' log lines, newest first; none when its pool is not ours. */
  async logs(scope: Scope, name: string, query: LogQuery): Promise<{ record: ConnectorRecord; entries: LogEntry[] }> {
    const record = await this.deps.connectors.get(scope, name);
    const file = this.deps.poolLogFile(record.connector.poolId ?? record.cluster.connectPoolId);
    const text = file ? await readTail(file, LOG_TAIL_BYTES) : '';
    // Secrets reach Connect as placeholders; a value that shows up anyway is masked.
    const secrets = Object.values(this.deps.cipher.open(record.connector.sealedSecrets, record.connector.id));
    return { record, entries: connectorLogEntries(text, record.connector.id, query, secrets, MASK) };
  }

  private async poolUrl(record: ConnectorRecord): Promise<string> {
    const poolId = record.connector.poolId ?? record.cluster.connectPoolId;
    const pool: ConnectPool | undefined = (await listConnectPools(this.deps.db)).find((p) => p.id === poolId);
    const url = pool && this.deps.addresses.connectUrl(pool);
    if (!url) throw new Unavailable('The connector\'s Kafka Connect pool is not known yet; try again later');
    return url;
  }
}

const notInEngine = () => new Conflict('The connector is not in the engine yet (PROVISIONING); restart it once it runs');
