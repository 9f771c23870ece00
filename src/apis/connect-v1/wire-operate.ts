// Outbound mappers of the operate extensions (issue 11): restart outcomes and history entries.
import type { ConfigChange } from '../../core/operate/config-changes.ts';
import type { RestartOutcome } from '../../services/connector-operations.ts';
import type { StoredOperation } from '../../store/operations.ts';

export function toWireRestart(outcome: RestartOutcome) {
  return { name: outcome.record.connector.name, id: outcome.record.connector.id, connector: outcome.connector, tasks: outcome.tasks };
}

/**
 * One history entry. A mutation of the desired state is `accepted` once stored (the reconciler
 * applies it); a restart says what the engine did. `changes` are recorded masked.
 */
export function toWireOperation(op: StoredOperation) {
  const { changes, outcome, ...detail } = (op.detail ?? {}) as { changes?: ConfigChange[]; outcome?: string } & Record<string, unknown>;
  return { id: String(op.seq), operation: op.operation, actor: op.actor, at: op.at, outcome: outcome ?? 'accepted', changes: changes ?? [], detail };
}
