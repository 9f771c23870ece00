import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  hasApiKeyIdShape, hasApiKeySecretShape, hasIdShape, newApiKeyId, newApiKeySecret, newId, newKafkaStorageClusterId, type IdKind,
} from '../../src/core/ids.ts';

describe('id formats', () => {
  const prefixed: [IdKind, RegExp][] = [
    ['environment', /^env-[a-z0-9]{6}$/],
    ['kafkaCluster', /^lkc-[a-z0-9]{6}$/],
    ['connector', /^lcc-[a-z0-9]{6}$/],
    ['serviceAccount', /^sa-[a-z0-9]{6}$/],
    ['user', /^u-[a-z0-9]{6}$/],
    ['roleBinding', /^rb-[a-z0-9]{6}$/],
  ];
  for (const [kind, shape] of prefixed) {
    it(`issues ${kind} ids like ${shape}`, () => {
      for (let i = 0; i < 200; i++) {
        const id = newId(kind, randomBytes);
        assert.match(id, shape);
        assert.ok(hasIdShape(kind, id));
      }
    });
  }

  it('tells ids of one kind from another', () => {
    assert.equal(hasIdShape('environment', 'lkc-abc123'), false);
    assert.equal(hasIdShape('environment', 'env-'), false);
    assert.equal(hasIdShape('environment', 'env-ABC'), false);
  });

  it('issues API keys of 16 uppercase alphanumerics and 64-char base64 secrets', () => {
    for (let i = 0; i < 200; i++) {
      assert.match(newApiKeyId(randomBytes), /^[A-Z0-9]{16}$/);
      assert.ok(hasApiKeySecretShape(newApiKeySecret(randomBytes)));
    }
    assert.equal(hasApiKeyIdShape('abcdefghijklmnop'), false);
    assert.equal(hasApiKeySecretShape('short'), false);
  });

  it('is deterministic given the random source, and uses every character', () => {
    const zeros = (n: number) => new Uint8Array(n);
    assert.equal(newId('environment', zeros), 'env-aaaaaa');
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) for (const c of newId('connector', randomBytes).slice(4)) seen.add(c);
    assert.equal(seen.size, 36);
  });

  it('never starts a Kafka storage cluster id with a dash', () => {
    let calls = 0;
    const dashFirst = (n: number) => new Uint8Array(n).fill(calls++ === 0 ? 0xfb : 0x41);
    const id = newKafkaStorageClusterId(dashFirst);
    assert.equal(id.length, 22);
    assert.notEqual(id[0], '-');
  });
});
