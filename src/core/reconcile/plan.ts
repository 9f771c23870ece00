// Desired (store) vs observed (Kafka Connect) for one connector → the steps that close the gap
// (C15). Configs are compared after normalisation, so an unchanged connector yields no step.
import type { DesiredState } from '../connector-state.ts';

export interface DesiredConnector {
  engineName: string;
  /** undefined: the connector is deleted and must leave the engine. */
  engineConfig: Record<string, string> | undefined;
  state: DesiredState;
}

export interface ObservedConnector {
  config: Record<string, string>;
  /** Kafka Connect's connector state: RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED, RESTARTING. */
  state: string;
}

export type Step =
  | { kind: 'create'; config: Record<string, string>; initialState: DesiredState }
  | { kind: 'update'; config: Record<string, string> }
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
  if (!observed) return [{ kind: 'create', config: desired.engineConfig, initialState: desired.state }];
  const steps: Step[] = [];
  if (!sameConfig(desired.engineConfig, observed.config)) steps.push({ kind: 'update', config: desired.engineConfig });
  // UNASSIGNED/RESTARTING are transitions Connect finishes itself (Strimzi ignores them too).
  if (desired.state === 'PAUSED' && ['RUNNING', 'STOPPED', 'FAILED'].includes(observed.state)) steps.push({ kind: 'pause' });
  if (desired.state === 'RUNNING' && ['PAUSED', 'STOPPED'].includes(observed.state)) steps.push({ kind: 'resume' });
  return steps;
}
