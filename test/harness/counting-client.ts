// The real REST client, counting the writes it sends: proves an unchanged connector is left alone.
import { RestConnectClient } from '../../src/engine/connect-client.ts';

export class CountingConnectClient extends RestConnectClient {
  writes: string[] = [];

  override async create(baseUrl: string, name: string, config: Record<string, string>, initialState: 'RUNNING' | 'PAUSED' | 'STOPPED') {
    this.writes.push(`create ${name}`);
    return super.create(baseUrl, name, config, initialState);
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
