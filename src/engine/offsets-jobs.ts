// Runs offsets requests (C18): one step per reconcile pass of the connector's pool, so the job
// and the reconciler never write the same connector at once, and the plan leaves a connector
// with a PENDING request to the job (core/reconcile/plan.ts). Each step is recorded before the
// next one starts; a step that fails for a transient reason (pool unreachable) throws and is
// retried with the reconciler's backoff; Connect refusing the offsets fails the request, and the
// job still gives the connector its state back.
import type { Logger } from 'pino';
import type { Connector } from '../core/connector.ts';
import { planOffsetsJob, type OffsetsRequest } from '../core/offsets-request.ts';
import type { Store } from '../store/database.ts';
import { findPendingOffsetsRequest, updateOffsetsRequest, type OffsetsRequestChanges } from '../store/offsets-requests.ts';
import { ConnectError, type ConnectClient } from './connect-client.ts';

export interface OffsetsJobsDeps {
  db: Store;
  client: ConnectClient;
  logger: Logger;
  now: () => Date;
}

export class OffsetsJobs {
  constructor(private readonly deps: OffsetsJobsDeps) {}

  /** The connector's PENDING request, if any: while there is one, the job owns its engine state. */
  pending(connectorId: string): Promise<OffsetsRequest | undefined> {
    return findPendingOffsetsRequest(this.deps.db, connectorId);
  }

  /** One step of the job, from the engine state this pass observed; true when it wrote to Connect. */
  async advance(url: string, connector: Connector, job: OffsetsRequest, engineState: string): Promise<boolean> {
    const { client } = this.deps;
    const action = planOffsetsJob(job, engineState, this.deps.now());
    const log = this.deps.logger.child({ connectorId: connector.id, offsetsRequest: job.id });
    switch (action.kind) {
      case 'wait':
        return false;
      case 'stop':
        // Recorded before the stop: after a crash the state found is the one before the job.
        if (action.recordFoundState) await this.record(job, { foundState: engineState });
        if (engineState !== 'STOPPED') await client.stop(url, connector.id);
        await this.record(job, { step: 'alter' });
        log.info({ foundState: job.foundState ?? engineState }, 'offsets request: connector stopped');
        return engineState !== 'STOPPED';
      case 'alter':
        await this.alter(url, connector, job, log);
        // Restored in the same pass: the connector is STOPPED and the step is recorded.
        await this.restore(url, connector, job, log);
        return true;
      case 'fail':
        await this.record(job, { step: 'restore', error: action.message });
        return false;
      case 'restore':
        await this.restore(url, connector, job, log);
        return true;
    }
  }

  /** The state the connector had, unless the user asked for another one during the job. */
  private async restore(url: string, connector: Connector, job: OffsetsRequest, log: Logger): Promise<void> {
    if (connector.desiredState === 'PAUSED') await this.deps.client.pause(url, connector.id);
    else await this.deps.client.resume(url, connector.id);
    await this.record(job, { step: 'done', phase: job.error ? 'FAILED' : 'APPLIED', finishedAt: this.deps.now().toISOString() });
    log.info({ phase: job.error ? 'FAILED' : 'APPLIED', state: connector.desiredState }, 'offsets request done');
  }

  private async alter(url: string, connector: Connector, job: OffsetsRequest, log: Logger): Promise<void> {
    const { client } = this.deps;
    // Read once: a retried alter must not take its own result for the offsets before it.
    if (job.previousOffsets === null) await this.record(job, { previousOffsets: await client.readOffsets(url, connector.id) });
    try {
      if (job.type === 'DELETE') await client.resetOffsets(url, connector.id);
      else await client.alterOffsets(url, connector.id, job.offsets);
    } catch (err) {
      // Unreachable: retried on a later pass. An answer of Connect refusing them: the request failed.
      if (!(err instanceof ConnectError) || err.unreachable) throw err;
      log.warn({ err: err.message }, 'offsets request refused by Kafka Connect');
      await this.record(job, { step: 'restore', error: refusal(err) });
      return;
    }
    await this.record(job, { step: 'restore', appliedAt: this.deps.now().toISOString() });
  }

  /** Writes the changes and keeps the in-memory job in step with the store. */
  private async record(job: OffsetsRequest, changes: Omit<OffsetsRequestChanges, 'updatedAt'>): Promise<void> {
    const updatedAt = this.deps.now().toISOString();
    await updateOffsetsRequest(this.deps.db, job.id, { ...changes, updatedAt });
    Object.assign(job, changes, { updatedAt });
  }
}

/** Connect's own words (it names the partition or value it refused), without our URL prefix. */
function refusal(err: ConnectError): string {
  const message = err.message.replace(/^Kafka Connect answered \d+ to [A-Z]+ \S+: /, '');
  return `Kafka Connect refused the offsets: ${message}`;
}
