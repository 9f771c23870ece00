// How the rest of the control plane reaches Kafka Connect: by pool id, never by address. Locally
// the supervisor answers; at scale the same interface points at Connect clusters others run.

export type ComponentState = 'stopped' | 'starting' | 'ready' | 'unhealthy' | 'restarting';

export interface ComponentHealth {
  state: ComponentState;
  restarts: number;
}

export interface DataPlaneHealth {
  broker: ComponentHealth | null;
  pools: Record<string, ComponentHealth>;
}

export interface ConnectPools {
  /** Bootstrap servers of the embedded broker (clusters of kind `embedded`). */
  readonly embeddedKafkaBootstrap: string;
  /** Base URL of the pool's Kafka Connect REST API; undefined for a pool we do not run. */
  restUrl(poolId: string): string | undefined;
  health(): DataPlaneHealth;
  /** Starts a new managed pool (a new cluster on the embedded broker); absent: none can be made. */
  addManagedPool?(poolId: string): Promise<void>;
  removeManagedPool?(poolId: string): Promise<void>;
}
