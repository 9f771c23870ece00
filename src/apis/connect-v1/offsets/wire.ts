// Outbound shapes of the offsets routes (C4): ConnectorOffsets, AlterOffsetRequestInfo and
// AlterOffsetStatus of connect-v1.yaml. `id` is always the connector's id (CONTRACT §1.9).
import { phaseMessage, type OffsetsRequest } from '../../../core/offsets-request.ts';
import type { ObservedOffsets } from '../../../services/connector-offsets.ts';
import type { ConnectorRecord } from '../../../services/connectors.ts';

const offsetEntry = {
  type: 'object',
  properties: { partition: { type: 'object', additionalProperties: true }, offset: { type: 'object', additionalProperties: true } },
} as const;

export const offsetList = { type: 'array', items: offsetEntry } as const;

export const requestInfoBody = {
  type: 'object',
  properties: { id: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, offsets: offsetList, requested_at: { type: 'string' } },
} as const;

export function toWireOffsets(observed: ObservedOffsets) {
  return {
    name: observed.record.connector.name,
    id: observed.record.connector.id,
    offsets: observed.offsets,
    metadata: { observed_at: observed.observedAt },
  };
}

export function toWireOffsetsRequest(record: ConnectorRecord, request: OffsetsRequest) {
  return { id: record.connector.id, name: record.connector.name, type: request.type, offsets: request.offsets, requested_at: request.requestedAt };
}

export function toWireOffsetsStatus(record: ConnectorRecord, request: OffsetsRequest) {
  return {
    request: toWireOffsetsRequest(record, request),
    // Never PENDING_VALIDATION (CONTRACT Q8): a request is checked before it is stored.
    status: { phase: request.phase, message: phaseMessage(request) },
    ...(request.previousOffsets ? { previous_offsets: request.previousOffsets } : {}),
    applied_at: request.phase === 'APPLIED' ? request.appliedAt : null,
  };
}
