// The real REST client, counting the writes it sends: proves an unchanged connector is left alone.
import { ConnectError, RestConnectClient } from '../../src/engine/connect-client.ts';

export class CountingConnectClient extends RestConnectClient {
  writes: string[] = [];
  /** How many offset writes to fail (as if Connect or the control plane died right there). */
  failOffsetWrites = 0;

  override async create(baseUrl: string, name: string, config: Record<string, string>, initialState: 'RUNNING' | 'PAUSED' | 'STOPPED') {
    this.writes.push(`create ${name}`);
    return super.create(baseUrl, name, config, initialState);
  }
  override async alterOffsets(baseUrl: string, name: string, offsets: unknown[]) {
    this.writes.push(`offsets ${name}`);
    if (this.failOffsetWrites > 0) {
      this.failOffsetWrites -= 1;
      throw new ConnectError(500, 'Kafka Connect answered 500 to PATCH /connectors/x/offsets: injected failure');
    }
    return super.alterOffsets(baseUrl, name, offsets);
  }
  override async stop(baseUrl: string, name: string) {
    this.writes.push(`stop ${name}`);
    return super.stop(baseUrl, name);
  }
  override async putConfig(baseUrl: string, name: string, config: Record<string, string>) {
    this.writes.push(`put ${name}`);
    return super.putConfig(baseUrl, name, config);
  }
  override async pause(baseUrl: string, name: string) {
    this.writes.push(`pause ${name}`);
    return super.pause(baseUrl, name);
  }
  override async resume(baseUrl: string, name: string) {
    this.writes.push(`resume ${name}`);
    return super.resume(baseUrl, name);
  }
  override async delete(baseUrl: string, name: string) {
    this.writes.push(`delete ${name}`);
    return super.delete(baseUrl, name);
  }
}
