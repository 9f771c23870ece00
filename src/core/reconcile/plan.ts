// Desired (store) vs observed (Kafka Connect) for one connector → the steps that close the gap
// (C15). Configs are compared after normalisation, so an unchanged connector yields no step.
import type { DesiredState } from '../connector-state.ts';

export interface DesiredConnector {
  engineName: string;
  /** undefined: the connector is deleted and must leave the engine. */
  engineConfig: Record<string, string> | undefined;
  state: DesiredState;
  /** Starting offsets not yet written: the connector must stay STOPPED until they are. */
  offsetsPending?: boolean;
  /** An offsets request is PENDING: its job owns the connector's engine state until it is done. */
  offsetsRequest?: boolean;
}

export interface ObservedConnector {
  config: Record<string, string>;
  /** Kafka Connect's connector state: RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED, RESTARTING. */
  state: string;
}

export type Step =
  | { kind: 'create'; config: Record<string, string>; initialState: DesiredState | 'STOPPED' }
  | { kind: 'update'; config: Record<string, string> }
  | { kind: 'stop' }
  | { kind: 'alter_offsets' }
  | { kind: 'offsets_request' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'delete' };

/** Keys Kafka Connect adds to a stored config on its own; never a reason to rewrite it. */
const ENGINE_ADDED_KEYS = new Set(['name']);

export function sameConfig(desired: Record<string, string>, observed: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(desired), ...Object.keys(observed)]);
  for (const key of keys) {
    if (ENGINE_ADDED_KEYS.has(key)) continue;
    if (desired[key] !== observed[key]) return false;
  }
  return true;
}

export function planConnector(desired: DesiredConnector | undefined, observed: ObservedConnector | undefined): Step[] {
  if (!desired || !desired.engineConfig) return observed ? [{ kind: 'delete' }] : [];
  if (!observed) {
    // Offsets can only be written while the connector is STOPPED (KIP-875), so it starts there.
    if (desired.offsetsPending) return [{ kind: 'create', config: desired.engineConfig, initialState: 'STOPPED' }, ...offsetSteps(desired.state)];
    return [{ kind: 'create', config: desired.engineConfig, initialState: desired.state }];
  }
  const steps: Step[] = [];
  if (!sameConfig(desired.engineConfig, observed.config)) steps.push({ kind: 'update', config: desired.engineConfig });
  if (desired.offsetsPending) {
    // Never run before the offsets are in: stop first, write them once Connect reports STOPPED.
    if (observed.state === 'STOPPED') steps.push(...offsetSteps(desired.state));
    else if (observed.state !== 'UNASSIGNED' && observed.state !== 'RESTARTING') steps.push({ kind: 'stop' });
    return steps;
  }
  // The job stops, alters and restores; pausing or resuming here would undo its stop.
  if (desired.offsetsRequest) return [...steps, { kind: 'offsets_request' }];
  // UNASSIGNED/RESTARTING are transitions Connect finishes itself (Strimzi ignores them too).
  if (desired.state === 'PAUSED' && ['RUNNING', 'STOPPED', 'FAILED'].includes(observed.state)) steps.push({ kind: 'pause' });
  if (desired.state === 'RUNNING' && ['PAUSED', 'STOPPED'].includes(observed.state)) steps.push({ kind: 'resume' });
  return steps;
}

/** From STOPPED: write the offsets, then go where the user wants the connector. */
function offsetSteps(state: DesiredState): Step[] {
  return [{ kind: 'alter_offsets' }, state === 'PAUSED' ? { kind: 'pause' } : { kind: 'resume' }];
}
