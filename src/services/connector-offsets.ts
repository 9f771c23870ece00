// Offsets of a connector (connect/v1 #12–14). Reading asks the engine at the time of the call;
// a change is a request stored with its operation record in one transaction, then run as a job
// by the reconciler (engine/offsets-jobs.ts); its status answers from the store.
import { randomBytes } from 'node:crypto';
import { findManagedPlugin } from '../core/catalog/index.ts';
import type { Connector } from '../core/connector.ts';
import { managedOffsets, SINK_OFFSETS, type OffsetTarget } from '../core/connector-offsets.ts';
import { NotFound, Unavailable } from '../core/errors.ts';
import { requestedOffsets, type OffsetsRequest, type OffsetsRequestInput } from '../core/offsets-request.ts';
import type { Addresses } from '../engine/addresses.ts';
import { ConnectError, type ConnectClient, type EngineOffset } from '../engine/connect-client.ts';
import * as repo from '../store/connectors.ts';
import type { Store } from '../store/database.ts';
import { findLatestOffsetsRequest, insertOffsetsRequest } from '../store/offsets-requests.ts';
import { withOperation } from '../store/operations.ts';
import { listConnectPools } from '../store/pools.ts';
import type { ConnectorRecord, ConnectorService, Scope } from './connectors.ts';

export interface ConnectorOffsetsDeps {
  db: Store;
  connectors: ConnectorService;
  client: ConnectClient;
  addresses: Addresses;
  /** Wakes the reconciler, which runs the job. */
  onChange: () => void;
  now: () => Date;
}

export interface ObservedOffsets {
  record: ConnectorRecord;
  offsets: EngineOffset[];
  observedAt: string;
}

export interface OffsetsRequestRecord {
  record: ConnectorRecord;
  request: OffsetsRequest;
}

export class ConnectorOffsetsService {
  /** Each connector's last offsets read from the engine (bounded by the connectors there are). */
  private readonly lastObserved = new Map<string, { offsets: EngineOffset[]; observedAt: string }>();

  constructor(private readonly deps: ConnectorOffsetsDeps) {}

  /**
   * The engine's offsets now; [] while the engine has not created the connector yet. Offsets are
   * observed (CONTRACT §1): when the pool cannot answer, the last observation stands, with its
   * time, or [] before any — a 5xx the spec does not declare would break the clients polling it.
   */
  async read(scope: Scope, name: string): Promise<ObservedOffsets> {
    const record = await this.deps.connectors.get(scope, name);
    const id = record.connector.id;
    try {
      const url = await this.engineUrl(record);
      const observed = { offsets: await this.deps.client.readOffsets(url, id), observedAt: this.deps.now().toISOString() };
      this.lastObserved.set(id, observed);
      return { record, ...observed };
    } catch (err) {
      if (err instanceof ConnectError && err.status === 404) return { record, offsets: [], observedAt: this.deps.now().toISOString() };
      if (!(err instanceof ConnectError) && !(err instanceof Unavailable)) throw err;
      return { record, ...this.lastObserved.get(id) ?? { offsets: [], observedAt: this.deps.now().toISOString() } };
    }
  }

  /** Stores a PENDING request (Conflict while another one is); the reconciler runs it. */
  async request(scope: Scope, name: string, input: OffsetsRequestInput, actor: string): Promise<OffsetsRequestRecord> {
    const record = await this.deps.connectors.get(scope, name);
    const { connector } = record;
    // Checked before anything is stored: a refused request changes nothing.
    const offsets = requestedOffsets(input, offsetTargetOfConnector(connector));
    const at = this.deps.now().toISOString();
    const request: OffsetsRequest = {
      id: `oreq-${randomBytes(8).toString('hex')}`, connectorId: connector.id, type: input.type, offsets, requestedAt: at,
      phase: 'PENDING', step: 'stop', foundState: null, previousOffsets: null, error: null, appliedAt: null, finishedAt: null, updatedAt: at,
    };
    const op = { operation: 'connect.connector.offsets_request', resourceId: connector.id, actor, at, detail: { name, type: input.type, partitions: offsets.length } };
    await withOperation(this.deps.db, op, async (tx) => {
      await insertOffsetsRequest(tx, request, name);
      // A change of its own: a backoff left by an earlier failure does not delay the job.
      await repo.updateConnector(tx, connector.id, { generation: connector.generation + 1, updatedAt: at });
    });
    this.deps.onChange();
    return { record, request };
  }

  /** The connector's newest request; NotFound when it never had one. */
  async status(scope: Scope, name: string): Promise<OffsetsRequestRecord> {
    const record = await this.deps.connectors.get(scope, name);
    const request = await findLatestOffsetsRequest(this.deps.db, record.connector.id);
    if (!request) throw new NotFound(`No offsets request was ever made for connector "${name}"`);
    return { record, request };
  }

  private async engineUrl(record: ConnectorRecord): Promise<string> {
    const poolId = record.connector.poolId ?? record.cluster.connectPoolId;
    const pool = (await listConnectPools(this.deps.db)).find((p) => p.id === poolId);
    const url = pool && this.deps.addresses.connectUrl(pool);
    if (!url) throw new Unavailable(`The Kafka Connect pool of connector "${record.connector.name}" is not available`);
    return url;
  }
}

/** Whose offsets a stored connector has: its managed plugin's shape, or any flat maps (custom). */
export function offsetTargetOfConnector(connector: Connector): OffsetTarget {
  const plugin = connector.pluginVersionId ? undefined : findManagedPlugin(connector.plugin);
  if (plugin) return managedOffsets(plugin);
  return connector.type === 'sink'
    ? { name: connector.plugin, type: 'sink', sourceOffsets: SINK_OFFSETS }
    : { name: connector.plugin, type: 'source', sourceOffsets: 'any' };
}
