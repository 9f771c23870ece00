import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, endpointOf, loadConfig } from '../../src/config.ts';

describe('settings', () => {
  it('has embedded defaults', () => {
    const config = loadConfig({}, []);
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.home, path.resolve('.cirrus'));
    assert.equal(config.broker.port, 9092);
    assert.equal(config.connect.port, 8083);
    assert.equal(config.embedded, true);
    assert.equal(config.java, 'java');
    assert.equal(endpointOf(config), 'http://127.0.0.1:8080');
  });

  it('takes env vars, and flags over env vars', () => {
    const env = { CIRRUS_PORT: '9000', CIRRUS_HOME: '/tmp/x', CIRRUS_CONNECT_HEAP: '1g', JAVA_HOME: '/opt/jdk' };
    const config = loadConfig(env, ['--port', '9100', '--broker-port=19092']);
    assert.equal(config.port, 9100);
    assert.equal(config.home, '/tmp/x');
    assert.equal(config.connect.heap, '1g');
    assert.equal(config.broker.port, 19092);
    assert.equal(config.java, '/opt/jdk/bin/java');
  });

  it('treats an empty env var as unset', () => {
    assert.equal(loadConfig({ CIRRUS_PORT: '' }, []).port, 8080);
  });

  const bad: [string, Record<string, string>, string[], RegExp][] = [
    ['port out of range', { CIRRUS_PORT: '70000' }, [], /CIRRUS_PORT must be a port/],
    ['port not a number', {}, ['--port', 'abc'], /--port must be a port/],
    ['bad heap', { CIRRUS_BROKER_HEAP: 'lots' }, [], /JVM heap size/],
    ['bad boolean', { CIRRUS_EMBEDDED: 'maybe' }, [], /true or false/],
    ['bad log level', { CIRRUS_LOG_LEVEL: 'loud' }, [], /CIRRUS_LOG_LEVEL/],
    ['unknown flag', {}, ['--prot', '1'], /Unknown option/],
  ];
  for (const [name, env, argv, message] of bad) {
    it(`rejects ${name}`, () => {
      assert.throws(() => loadConfig(env, argv), (err: unknown) => err instanceof ConfigError && message.test((err as Error).message));
    });
  }
});
