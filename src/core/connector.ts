// A connector as Cirrus keeps it: what the user asked for (desired state, decoded config and
// offsets) and what the engine was last seen doing (its status). The store alone encodes them.
import type { ConnectorConfig } from './connector-config.ts';
import type { ConnectorOffset } from './connector-offsets.ts';
import type { ConnectorState, DesiredState, TaskView } from './connector-state.ts';
import type { RestartSchedule } from './operate/auto-restart.ts';

export type ConnectorType = 'source' | 'sink';

export interface Connector {
  id: string;
  environmentId: string;
  kafkaClusterId: string;
  name: string;
  /** The managed plugin's alias (`DatagenSource`), or the custom plugin id the user named. */
  plugin: string;
  /** Custom connectors: the plugin version they run (pinned at create) and its pool. */
  pluginVersionId: string | null;
  poolId: string | null;
  type: ConnectorType;
  /** The config exactly as the client sent it, its sensitive values replaced by the mask. */
  config: ConnectorConfig;
  /** The sensitive values, sealed for this connector (store/config-cipher.ts); '' when none. */
  sealedSecrets: string;
  desiredState: DesiredState;
  /** Starting offsets given at create. */
  initialOffsets: ConnectorOffset[];
  /** True while those offsets are not yet written to the engine: it must not run before. */
  offsetsPending: boolean;
  /** Bumped by every change of the desired state. */
  generation: number;
  createdAt: string;
  updatedAt: string;
  /** Set when deleted; the connector goes once the engine no longer has it. */
  deletedAt: string | null;
}

/** What the reconciler last observed, and its retry schedule (C16, C17). */
export interface ConnectorStatus {
  state: ConnectorState;
  trace: string;
  tasks: TaskView[];
  observedAt: string;
  lastError: string;
  attempts: number;
  nextAttemptAt: string | null;
  /** The engine has run it at least once: later transitions show the last steady state. */
  hasRun: boolean;
  /** The connector generation the retry schedule belongs to; a newer change is tried at once. */
  attemptGeneration: number | null;
  /** Automatic restarts of failed connectors and tasks, and the class of the failure seen. */
  restart: RestartSchedule;
}
