// The embedded broker's storage is formatted by a JVM of its own (Kafka's StorageTool, ~0.7 s
// of every start): only while it is not formatted yet, not on every restart (issue 13).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { brokerDir, brokerSpec } from '../../src/supervisor/broker.ts';

function broker() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-broker-'));
  fs.mkdirSync(path.join(home, 'logs'));
  // No such java: a format attempt fails, so whether one was made shows.
  const spec = brokerSpec({ home, java: path.join(home, 'no-java-here'), classpath: '', log4jConfig: '', port: 1, controllerPort: 2, heap: '64m' });
  const dataDir = path.join(brokerDir(home, undefined), 'data');
  const formatted = (clusterId: string) => fs.writeFileSync(path.join(dataDir, 'meta.properties'), `#\nnode.id=1\nversion=1\ncluster.id=${clusterId}\n`);
  const ownClusterId = () => fs.readFileSync(path.join(brokerDir(home, undefined), 'cluster-id'), 'utf8').trim();
  return { spec, formatted, ownClusterId };
}

describe('embedded broker storage', () => {
  it('formats storage that was never formatted', async () => {
    const { spec } = broker();
    await assert.rejects(spec.prepare!(), /cannot|ENOENT|spawn/);
  });

  it('does not run the format tool again once the storage holds its cluster id', async () => {
    const { spec, formatted, ownClusterId } = broker();
    await spec.prepare!().catch(() => undefined);
    formatted(ownClusterId());
    await spec.prepare!();
  });

  it('formats again when the storage names another cluster (the tool decides then)', async () => {
    const { spec, formatted } = broker();
    await spec.prepare!().catch(() => undefined);
    formatted('someOtherClusterIdAAAAA');
    await assert.rejects(spec.prepare!());
  });
});
