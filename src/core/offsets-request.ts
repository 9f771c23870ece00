// An offsets request (connect/v1 #13) and the job that applies it. Offsets change only while
// a connector is STOPPED (KIP-875), so the job remembers the state it found, stops the
// connector, verifies STOPPED, alters or resets the offsets, then gives the connector back its
// state. Each step is recorded before the next one starts, so a control plane killed mid-job
// picks it up where it was; every step is safe to repeat.
import { validateOffsets, type ConnectorOffset, type OffsetTarget } from './connector-offsets.ts';
import { InvalidRequest } from './errors.ts';

export type OffsetsRequestType = 'PATCH' | 'DELETE';
export type OffsetsPhase = 'PENDING' | 'APPLIED' | 'FAILED';
/** Where the job is: the next thing it does. */
export type OffsetsJobStep = 'stop' | 'alter' | 'restore' | 'done';

export interface OffsetsRequest {
  id: string;
  connectorId: string;
  type: OffsetsRequestType;
  /** The offsets to write (PATCH); [] for DELETE. */
  offsets: ConnectorOffset[];
  requestedAt: string;
  phase: OffsetsPhase;
  step: OffsetsJobStep;
  /** The engine state the job found, recorded before it stopped the connector. */
  foundState: string | null;
  /** The engine offsets just before the alter; null until read. */
  previousOffsets: unknown[] | null;
  /** Why the alter failed (the job still restores the connector, then reads FAILED). */
  error: string | null;
  appliedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

/** What the job does in one reconcile pass, from the engine state of the connector. */
export type OffsetsJobAction =
  | { kind: 'wait' }
  | { kind: 'stop'; recordFoundState: boolean }
  | { kind: 'alter' }
  | { kind: 'restore' }
  | { kind: 'fail'; message: string };

/** Transitions Connect finishes by itself: the job waits them out (as the reconciler does). */
const SETTLING = new Set(['UNASSIGNED', 'RESTARTING']);

/** How long a job may wait for the engine before it gives up and restores the connector. */
export const OFFSETS_JOB_TIMEOUT_MS = 10 * 60_000;

export function planOffsetsJob(job: OffsetsRequest, engineState: string, now: Date): OffsetsJobAction {
  const stuck = now.getTime() - Date.parse(job.requestedAt) > OFFSETS_JOB_TIMEOUT_MS;
  switch (job.step) {
    case 'stop':
      if (SETTLING.has(engineState)) return stuck ? { kind: 'fail', message: timeoutMessage(engineState) } : { kind: 'wait' };
      return { kind: 'stop', recordFoundState: job.foundState === null };
    case 'alter':
      // Verify STOPPED: a connector someone resumed meanwhile is stopped again.
      if (engineState === 'STOPPED') return { kind: 'alter' };
      if (stuck) return { kind: 'fail', message: timeoutMessage(engineState) };
      return SETTLING.has(engineState) ? { kind: 'wait' } : { kind: 'stop', recordFoundState: false };
    case 'restore':
      return { kind: 'restore' };
    case 'done':
      return { kind: 'wait' };
  }
}

function timeoutMessage(state: string): string {
  return `The connector did not reach the STOPPED state within ${OFFSETS_JOB_TIMEOUT_MS / 60_000} minutes (it was ${state}); its offsets were not changed`;
}

/** The request body as its schema lets it through: type checked there, offsets here. */
export interface OffsetsRequestInput {
  type: OffsetsRequestType;
  offsets?: unknown;
}

/**
 * The offsets a request writes: PATCH needs at least one, in the connector's shape; DELETE
 * takes none (any given are ignored, CONTRACT §1.9).
 */
export function requestedOffsets(input: OffsetsRequestInput, target: OffsetTarget): ConnectorOffset[] {
  if (input.type === 'DELETE') return [];
  if (input.offsets === undefined || input.offsets === null || (Array.isArray(input.offsets) && input.offsets.length === 0)) {
    throw new InvalidRequest('offsets is required for a PATCH request: list the partitions to change with their new offsets', '/offsets');
  }
  return validateOffsets(input.offsets, target);
}

/** What the status says once done; APPLIED notes offsets kept outside the Connect framework. */
export function phaseMessage(job: OffsetsRequest): string {
  if (job.phase === 'FAILED') return job.error ?? 'The offsets request failed';
  if (job.phase === 'PENDING') return 'The connector is being stopped while its offsets are changed';
  return 'The offsets were changed in the Kafka Connect framework. Offsets a connector keeps outside the framework (in the source or target system) must be changed there.';
}
