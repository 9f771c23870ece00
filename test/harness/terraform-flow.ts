// The Terraform provider's confluent_connector create, as CONTRACT §1.10 and §1.4 describe it:
// validate the managed plugin (abort on any error), create, poll the status until RUNNING
// (PROVISIONING and DEGRADED wait; anything else fails), then read back: every non-sensitive key
// as sent (or the next plan shows a diff), every sensitive one masked.
import assert from 'node:assert/strict';
import { MASK } from '../../src/core/connector-config.ts';
import { expectSpec, type ConnectV1Client } from './connect-v1-client.ts';
import { eventually } from './wait.ts';

export async function terraformCreate(c: ConnectV1Client, name: string, config: Record<string, unknown>, sensitive: string[]): Promise<void> {
  const plugin = String(config['connector.class']);
  const validated = await c.call('PUT', `/connector-plugins/${encodeURIComponent(plugin)}/config/validate`, config);
  expectSpec(validated, 'put', '/connector-plugins/{plugin_name}/config/validate', 200);
  const report = validated.body as { error_count: number; configs: { value: { name: string; errors: string[] } }[] };
  assert.equal(report.error_count, 0, JSON.stringify(report.configs.filter((k) => k.value.errors.length > 0).map((k) => k.value)));

  expectSpec(await c.call('POST', '/connectors', { name, config }), 'post', '/connectors', 201);
  const settled = await eventually(`${name} past PROVISIONING`, async () => {
    const state = ((await c.call('GET', `/connectors/${encodeURIComponent(name)}/status`)).body as { connector: { state: string; trace?: string } }).connector;
    return ['PROVISIONING', 'DEGRADED'].includes(state.state) ? undefined : state;
  }, { timeoutMs: 180_000, intervalMs: 1000 });
  assert.equal(settled.state, 'RUNNING', `${name}: ${settled.trace ?? ''}`);

  const read = (await c.call('GET', `/connectors/${encodeURIComponent(name)}/config`)).body as Record<string, string>;
  for (const [key, value] of Object.entries(config)) {
    assert.equal(read[key], sensitive.includes(key) ? MASK : String(value), `${name}: ${key} reads back as a plan expects`);
  }
}
