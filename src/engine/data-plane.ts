// What runs the Kafka brokers and Connect pools of embedded clusters. The pool manager drives it
// toward the store's desired state; locally the supervisor implements it with JVMs. Nothing here
// waits for a process: start requests return at once and health tells how far they got.
import type { BrokerPorts } from '../core/cluster.ts';
import type { StatusTopic } from './status-topic.ts';

export type ComponentState = 'stopped' | 'starting' | 'ready' | 'unhealthy' | 'restarting';

export interface ComponentHealth {
  state: ComponentState;
  restarts: number;
  /** Why the last start failed, when it did (safe to show: no secrets in process errors). */
  lastError?: string;
}

export type { BrokerPorts } from '../core/cluster.ts';

export interface BrokerSpec {
  clusterId: string;
  /** Absent: the installation's own ports (the settings), the broker of the bootstrap cluster. */
  ports?: BrokerPorts;
}

export interface PoolSpec {
  poolId: string;
  /** The pool's Kafka cluster: its internal topics and its connectors' records live there. */
  bootstrapServers: string;
  /** Absent: the installation's own Connect port (the settings). */
  port?: number;
  /** A custom plugin's folder, the only plugin.path of its pool; absent: the managed plugins. */
  pluginPath?: string;
  /**
   * How the pool finds its plugins: by ServiceLoader manifests alone (ours, and custom plugins
   * that declare every plugin), or by also scanning every class (custom plugins that do not).
   */
  discovery?: 'service_load' | 'hybrid_warn';
}

export interface DataPlane {
  /** False when this installation runs no JVMs of its own: only external clusters can work. */
  readonly embedded: boolean;
  /** True once the runtime is installed and leftovers are gone: start requests are honoured. */
  readonly prepared: boolean;
  /**
   * The folder our pools' config provider reads connector secrets from (engine/engine-secrets.ts);
   * absent when no pool of this data plane can read local files: secrets then go inline.
   */
  readonly secretsDir?: string;
  /** The log file of a pool this data plane runs (connector logs, issue 11); absent: none here. */
  poolLogFile?(poolId: string): string | undefined;
  /** Where a pool this data plane started writes connector statuses (issue 13); absent: none known. */
  poolStatusTopic?(poolId: string): StatusTopic | undefined;
  /** Where a pool's metrics agent serves Prometheus text (issue 12); absent: no agent known. */
  poolMetricsUrl?(poolId: string): string | undefined;
  brokerAddress(ports?: BrokerPorts): string;
  poolUrl(pool: { id: string; port?: number }): string;
  /** Ports nobody listens on now, none of them in `exclude`, for a new cluster's processes. */
  freePorts(count: number, exclude: ReadonlySet<number>): Promise<number[]>;
  ensureBroker(spec: BrokerSpec): void;
  ensurePool(spec: PoolSpec): void;
  /** Stops a pool that nothing needs any more. */
  stopPool(poolId: string): Promise<void>;
  /** Stops the broker of a deleted cluster and removes its data. */
  retireBroker(clusterId: string): Promise<void>;
  brokers(): ReadonlyMap<string, ComponentHealth>;
  pools(): ReadonlyMap<string, ComponentHealth>;
  /** Calls `listener` whenever a broker or pool of this data plane becomes ready; absent: never. */
  onComponentReady?(listener: () => void): void;
}
