import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
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

  describe('issue 7.12: the master key never comes from the command line', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-config-'));
    const keyFile = path.join(dir, 'master.key');
    fs.writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });

    it('refuses --master-key (and --master-key=…) with the reason and the alternatives', () => {
      for (const argv of [['--master-key', key], [`--master-key=${key}`]]) {
        assert.throws(() => loadConfig({}, argv), (err: unknown) => err instanceof ConfigError
          && /--master-key is not accepted: a command line is visible .*\(ps\); set CIRRUS_MASTER_KEY, or .*--master-key-file/.test((err as Error).message));
      }
    });

    it('takes the key from CIRRUS_MASTER_KEY, or from the file --master-key-file / CIRRUS_MASTER_KEY_FILE names', () => {
      assert.equal(loadConfig({ CIRRUS_MASTER_KEY: key }, []).masterKey, key);
      assert.equal(loadConfig({}, ['--master-key-file', keyFile]).masterKey, key);
      assert.equal(loadConfig({ CIRRUS_MASTER_KEY_FILE: keyFile }, []).masterKey, key);
      assert.equal(loadConfig({}, []).masterKey, undefined);
    });

    const badKeys: [string, Record<string, string>, string[], RegExp][] = [
      ['both the variable and a file', { CIRRUS_MASTER_KEY: key }, ['--master-key-file', keyFile], /not both/],
      ['a missing key file', {}, ['--master-key-file', path.join(dir, 'nope')], /cannot read the master key file .*ENOENT/],
      ['a key that is not 32 bytes', { CIRRUS_MASTER_KEY: 'c2hvcnQ=' }, [], /CIRRUS_MASTER_KEY must be the base64 encoding of 32 bytes/],
    ];
    for (const [name, env, argv, message] of badKeys) {
      it(`rejects ${name}`, () => {
        assert.throws(() => loadConfig(env, argv), (err: unknown) => err instanceof ConfigError && message.test((err as Error).message));
      });
    }
  });
});
