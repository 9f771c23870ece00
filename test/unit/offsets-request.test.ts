// The offsets job as a pure state machine (issue 11): what one pass does from the job's step and
// the engine state, and what a request may carry. Table-driven (C19).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SINK_OFFSETS } from '../../src/core/connector-offsets.ts';
import { InvalidRequest } from '../../src/core/errors.ts';
import { OFFSETS_JOB_TIMEOUT_MS, planOffsetsJob, requestedOffsets, type OffsetsJobStep, type OffsetsRequest } from '../../src/core/offsets-request.ts';
import { planConnector } from '../../src/core/reconcile/plan.ts';

const REQUESTED = '2026-03-02T10:00:00.000Z';
const soon = new Date(Date.parse(REQUESTED) + 1000);
const late = new Date(Date.parse(REQUESTED) + OFFSETS_JOB_TIMEOUT_MS + 1);

function job(step: OffsetsJobStep, foundState: string | null = null): OffsetsRequest {
  return {
    id: 'oreq-1', connectorId: 'lcc-1', type: 'PATCH', offsets: [], requestedAt: REQUESTED, phase: 'PENDING', step, foundState,
    previousOffsets: null, error: null, appliedAt: null, finishedAt: null, updatedAt: REQUESTED,
  };
}

describe('offsets job plan', () => {
  const cases: [OffsetsJobStep, string | null, string, Date, ReturnType<typeof planOffsetsJob>][] = [
    ['stop', null, 'RUNNING', soon, { kind: 'stop', recordFoundState: true }],
    ['stop', null, 'PAUSED', soon, { kind: 'stop', recordFoundState: true }],
    ['stop', 'RUNNING', 'STOPPED', soon, { kind: 'stop', recordFoundState: false }],
    ['stop', null, 'UNASSIGNED', soon, { kind: 'wait' }],
    ['stop', null, 'RESTARTING', late, { kind: 'fail', message: 'The connector did not reach the STOPPED state within 10 minutes (it was RESTARTING); its offsets were not changed' }],
    ['alter', 'RUNNING', 'STOPPED', soon, { kind: 'alter' }],
    ['alter', 'RUNNING', 'STOPPED', late, { kind: 'alter' }],
    ['alter', 'RUNNING', 'RUNNING', soon, { kind: 'stop', recordFoundState: false }],
    ['alter', 'RUNNING', 'UNASSIGNED', soon, { kind: 'wait' }],
    ['alter', 'RUNNING', 'RUNNING', late, { kind: 'fail', message: 'The connector did not reach the STOPPED state within 10 minutes (it was RUNNING); its offsets were not changed' }],
    ['restore', 'PAUSED', 'STOPPED', soon, { kind: 'restore' }],
    ['done', 'PAUSED', 'PAUSED', soon, { kind: 'wait' }],
  ];
  for (const [step, found, engine, now, expected] of cases) {
    it(`${step} (found ${found}, engine ${engine}${now === late ? ', timed out' : ''}) → ${expected.kind}`, () => {
      assert.deepEqual(planOffsetsJob(job(step, found), engine, now), expected);
    });
  }

  it('hands a connector with a PENDING request to the job instead of pausing or resuming it', () => {
    const config = { 'connector.class': 'X', name: 'lcc-1' };
    const desired = { engineName: 'lcc-1', engineConfig: config, state: 'RUNNING' as const, offsetsRequest: true };
    assert.deepEqual(planConnector(desired, { config, state: 'STOPPED' }), [{ kind: 'offsets_request' }]);
    assert.deepEqual(planConnector(desired, { config: { ...config, x: '1' }, state: 'STOPPED' }), [{ kind: 'update', config }, { kind: 'offsets_request' }]);
    // Not yet in the engine, or its starting offsets not written yet: those come first.
    assert.deepEqual(planConnector(desired, undefined), [{ kind: 'create', config, initialState: 'RUNNING' }]);
    assert.deepEqual(planConnector({ ...desired, offsetsPending: true }, { config, state: 'RUNNING' }), [{ kind: 'stop' }]);
  });
});

describe('offsets request input', () => {
  const sink = { name: 'HttpSink', type: 'sink' as const, sourceOffsets: SINK_OFFSETS };
  const offsets = [{ partition: { kafka_topic: 't', kafka_partition: 0 }, offset: { kafka_offset: 5 } }];

  it('takes a PATCH in the connector\'s shape, and ignores offsets sent with a DELETE', () => {
    assert.deepEqual(requestedOffsets({ type: 'PATCH', offsets }, sink), offsets);
    assert.deepEqual(requestedOffsets({ type: 'DELETE', offsets }, sink), []);
    assert.deepEqual(requestedOffsets({ type: 'DELETE' }, sink), []);
  });

  it('refuses a PATCH without offsets, pointing at /offsets', () => {
    for (const missing of [undefined, null, []]) {
      assert.throws(() => requestedOffsets({ type: 'PATCH', offsets: missing }, sink), (err: unknown) => err instanceof InvalidRequest && err.pointer === '/offsets');
    }
  });
});
