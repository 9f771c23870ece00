// The converters' cost (issue 14): DatagenSource records/s for one task at max.interval=0 writing
// AVRO, JSON_SR and PROTOBUF through our Schema Registry converters, against the same Datagen writing plain
// JSON (Kafka's JsonConverter, schemas off) in the same run on the same stack: the baseline.
// The registry is test/harness/registry-stub.ts (one registration per run, then the caches serve).
// Run: npm run bench:schema-converters
import { connectRequest, waitUntilRunning } from '../test/harness/connect.ts';
import { converterConfig, startRegistryStub } from '../test/harness/registry-stub.ts';
import { startStack } from '../test/harness/stack.ts';
import { eventually } from '../test/harness/wait.ts';
import { machine } from './machine.ts';

const RECORDS = Number(process.env.RECORDS ?? 200_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const stack = await startStack('bench-schema-converters', 'pool-bench');
const registry = await startRegistryStub();
const FORMATS: [string, Record<string, string>][] = [
  ['JSON (JsonConverter, baseline)', { 'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': 'false' }],
  ['AVRO (AvroConverter)', converterConfig('dev.cirrus.connect.schema.AvroConverter', registry)],
  ['JSON_SR (JsonSchemaConverter)', converterConfig('dev.cirrus.connect.schema.JsonSchemaConverter', registry)],
  ['PROTOBUF (ProtobufConverter)', converterConfig('dev.cirrus.connect.schema.ProtobufConverter', registry)],
];

/** Records/s of one Datagen run of RECORDS pageviews, from its committed source offsets. */
async function datagenRate(name: string, converter: Record<string, string>, records = RECORDS): Promise<number> {
  const url = stack.info.connectUrl;
  const res = await connectRequest(url, 'PUT', `/connectors/${name}/config`, {
    'connector.class': 'dev.cirrus.connect.datagen.DatagenSourceConnector', 'kafka.topic': `bench-${name}`,
    quickstart: 'PAGEVIEWS', 'max.interval': '0', iterations: String(records), 'tasks.max': '1', ...converter,
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.json));
  await waitUntilRunning(url, name, 1);
  const count = async () => {
    const { json } = await connectRequest(url, 'GET', `/connectors/${name}/offsets`);
    return Number((json as { offsets: { offset: { count: number } }[] }).offsets[0]?.offset.count ?? 0);
  };
  const t0 = performance.now();
  const c0 = await count();
  await eventually('all records', async () => (await count()) >= records, { timeoutMs: 600_000, intervalMs: 100 });
  const rate = (records - c0) / ((performance.now() - t0) / 1000);
  await connectRequest(url, 'DELETE', `/connectors/${name}`);
  return rate;
}

try {
  // One unmeasured round warms the worker's JIT for every format; then each round rotates the
  // order, so no format always runs first (or last) on a machine shared with other work.
  for (const [i, [, converter]] of FORMATS.entries()) await datagenRate(`warm${i}`, converter, Math.ceil(RECORDS / 4));
  const rates: number[][] = FORMATS.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < FORMATS.length; k++) {
      const i = (k + round) % FORMATS.length;
      rates[i]?.push(await datagenRate(`r${round}f${i}`, FORMATS[i]?.[1] ?? {}));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const baseline = median(rates[0] ?? []);
  const lines = FORMATS.map(([label], i) => {
    const r = rates[i] ?? [];
    return `${label}: median ${Math.round(median(r))} records/s (min ${Math.round(Math.min(...r))}, max ${Math.round(Math.max(...r))}), ratio ${(median(r) / baseline).toFixed(2)}`;
  });
  console.log([`machine: ${machine()}`, `records: ${RECORDS} per format and round, ${ROUNDS} rounds, one task, max.interval=0, PAGEVIEWS`, ...lines,
    `registry calls: ${registry.calls.length}`].join('\n'));
} finally {
  await registry.close();
  await stack.stop();
}
