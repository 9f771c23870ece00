// DatagenSource records/s for one task at max.interval=0, against Kafka's own
// ProducerPerformance tool writing the same number of records of the same size to the same
// broker in the same run (the baseline: what a plain producer achieves here).
// Run: npm run bench:datagen
import { execFileSync } from 'node:child_process';
import { connectRequest, waitUntilRunning } from '../test/harness/connect.ts';
import { startStack } from '../test/harness/stack.ts';
import { eventually } from '../test/harness/wait.ts';
import { runtimePaths } from '../src/supervisor/jvm-runtime.ts';
import { machine } from './machine.ts';

const RECORDS = Number(process.env.RECORDS ?? 300_000);
const stack = await startStack('bench-datagen', 'pool-bench');
try {
  const url = stack.info.connectUrl;
  const res = await connectRequest(url, 'PUT', '/connectors/bench/config', {
    'connector.class': 'dev.cirrus.connect.datagen.DatagenSourceConnector', 'kafka.topic': 'bench-pageviews',
    quickstart: 'PAGEVIEWS', 'max.interval': '0', iterations: String(RECORDS), 'tasks.max': '1',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': 'false',
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.json));
  await waitUntilRunning(url, 'bench', 1);
  // The task's committed source offset is its record count; Connect flushes it every second.
  const count = async () => {
    const { json } = await connectRequest(url, 'GET', '/connectors/bench/offsets');
    return Number((json as { offsets: { offset: { count: number } }[] }).offsets[0]?.offset.count ?? 0);
  };
  const t0 = performance.now();
  const c0 = await count();
  await eventually('all records', async () => (await count()) >= RECORDS, { timeoutMs: 600_000, intervalMs: 100 });
  const datagenRate = (RECORDS - c0) / ((performance.now() - t0) / 1000);

  // ~70 bytes: the size of one JSON pageview.
  const perf = execFileSync(stack.config.java, [
    '-Xmx256m', '-cp', runtimePaths(stack.config.jvmDir).classpath, 'org.apache.kafka.tools.ProducerPerformance',
    '--topic', 'bench-baseline', '--num-records', String(RECORDS), '--record-size', '70', '--throughput', '-1',
    '--producer-props', `bootstrap.servers=${stack.info.bootstrapServers}`, 'linger.ms=5',
  ]).toString();
  const baselineRate = Number(/records sent, ([0-9.]+) records\/sec/.exec(perf)?.[1]);
  console.log([
    `machine: ${machine()}`,
    `records: ${RECORDS}, one task, max.interval=0, JSON values`,
    `DatagenSource: ${Math.round(datagenRate)} records/s`,
    `baseline, ProducerPerformance (70-byte records, same broker): ${Math.round(baselineRate)} records/s`,
    `ratio: ${(datagenRate / baselineRate).toFixed(2)}`,
  ].join('\n'));
} finally {
  await stack.stop();
}
