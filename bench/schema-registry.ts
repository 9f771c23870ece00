// Schema Registry latency (issue 14): register (a new schema each request), register again (the
// call every serializer makes on start), lookup, and read by id, each against a bare Fastify
// route in the same process and run (JSON body in, small JSON out), so the ratio is the
// registry's own cost. Load from a child process (autocannon), 8 connections, alternating rounds.
// Run: npm run bench:schema-registry
import Fastify from 'fastify';
import { basicAuth, startApiApp } from '../test/harness/api-app.ts';
import { REGISTRY_CONTENT_TYPE } from '../test/harness/schema-registry.ts';
import { failures, load, type Cannon, type LoadRequest } from './load.ts';
import { machine } from './machine.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const DURATION = Number(process.env.DURATION ?? 5);
const CONNECTIONS = 8;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** `doc` is part of the registered text, so a different doc is a different schema (and a new version). */
const record = (doc: string) => JSON.stringify({ schema: JSON.stringify({ type: 'record', name: 'Order', namespace: 'bench', doc, fields: [{ name: 'id', type: 'int' }, { name: 'note', type: ['null', 'string'], default: null }] }) });

const api = await startApiApp();
const b = api.bootstrap;
const headers = { authorization: basicAuth(b.schema_registry_api_key, b.schema_registry_api_secret), 'content-type': REGISTRY_CONTENT_TYPE };
const registry = b.schema_registry_endpoint;
await fetch(`${registry}/subjects/fixed-value/versions`, { method: 'POST', headers, body: record('order') });

const bare = Fastify();
bare.post('/bare', async () => ({ id: 1 }));
bare.get('/bare', async () => ({ schema: '{"type":"string"}' }));
await bare.listen({ host: '127.0.0.1', port: 0 });
const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/bare`;

interface Case { name: string; url: (round: number) => string; request: LoadRequest; headers: Record<string, string> }
const CASES: Case[] = [
  { name: 'bare Fastify POST (baseline)', url: () => bareUrl, request: { method: 'POST', body: record('order') }, headers: { 'content-type': 'application/json' } },
  // Each request a new schema ([<id>] is replaced per request): a new id and version, compatibility checked (BACKWARD, the default).
  { name: 'register a new schema', url: (r) => `${registry}/subjects/bench-${r}-value/versions`, request: { method: 'POST', body: record('order [<id>]'), idReplacement: true }, headers },
  { name: 'register an already registered schema', url: () => `${registry}/subjects/fixed-value/versions`, request: { method: 'POST', body: record('order') }, headers },
  { name: 'lookup (POST /subjects/{subject})', url: () => `${registry}/subjects/fixed-value`, request: { method: 'POST', body: record('order') }, headers },
  { name: 'bare Fastify GET (baseline)', url: () => bareUrl, request: {}, headers: {} },
  { name: 'GET /schemas/ids/{id}', url: () => `${registry}/schemas/ids/1`, request: {}, headers: { authorization: headers.authorization } },
];

const seen = new Map<string, Cannon[]>(CASES.map((c) => [c.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const c of CASES) {
    const r = await load(c.url(round), CONNECTIONS, DURATION, c.headers, c.request);
    if (failures(r) > 0) throw new Error(`${c.name}: ${failures(r)} failed requests`);
    seen.get(c.name)!.push(r);
    console.error(`  … round ${round + 1} ${c.name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`);
  }
}
await bare.close();
await api.close();

const summary = (name: string) => {
  const runs = seen.get(name)!;
  return { rps: median(runs.map((r) => r.requests.average)), p50: median(runs.map((r) => r.latency.p50)), p99: median(runs.map((r) => r.latency.p99)) };
};
const lines = [`machine: ${machine()}`, `${CONNECTIONS} connections, ${DURATION} s per case, median of ${ROUNDS} rounds (cases alternate within each round)`];
for (const c of CASES) {
  const s = summary(c.name);
  const base = summary(c.request.method === 'POST' ? CASES[0]!.name : 'bare Fastify GET (baseline)');
  lines.push(`${c.name.padEnd(40)} ${String(Math.round(s.rps)).padStart(6)} req/s  p50 ${s.p50} ms  p99 ${s.p99} ms  (throughput ratio to its bare route ${(s.rps / base.rps).toFixed(2)})`);
}
console.log(lines.join('\n'));
