import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MASK, providerReferenceKeys, maskConfig, normalizeConfigInput, splitSecrets, unmaskConfig, withoutServerKeys, withServerKeys } from '../../src/core/connector-config.ts';
import { connectorNameProblem } from '../../src/core/connector-names.ts';
import { InvalidRequest } from '../../src/core/errors.ts';

describe('connector config rules', () => {
  it('keeps strings, stringifies numbers and booleans, refuses the rest', () => {
    assert.deepEqual(normalizeConfigInput({ a: 'x', b: 1, c: true, d: 1.5 }), { a: 'x', b: '1', c: 'true', d: '1.5' });
    for (const bad of [null, 'x', [1], { a: null }, { a: {} }, { a: [] }]) {
      assert.throws(() => normalizeConfigInput(bad), InvalidRequest);
    }
  });

  it('finds config-provider references, which could read another connector\'s secrets (issue 10)', () => {
    const config = { a: '${cirrus:/home/secrets/lcc-x:s-1}', b: '${file:/etc/passwd:x}', c: 'plain ${not-a-ref}', d: 'p@ss:word}' };
    assert.deepEqual(providerReferenceKeys(config), ['a', 'b']);
  });

  it('drops server keys sent by clients and adds them to answers', () => {
    const config = { name: 'c', 'cloud.provider': 'aws', 'kafka.endpoint': 'x', 'kafka.region': 'y', 'cloud.environment': 'z', 'kafka.dedicated': 'true' };
    assert.deepEqual(withoutServerKeys(config), { name: 'c' });
    assert.deepEqual(withServerKeys({ name: 'c' }, { cloud: 'AWS', region: 'us-west-2', kafkaEndpoint: 'SASL_SSL://h:9092', dedicated: false }), {
      name: 'c', 'cloud.environment': 'prod', 'cloud.provider': 'aws', 'kafka.endpoint': 'SASL_SSL://h:9092', 'kafka.region': 'us-west-2', 'kafka.dedicated': 'false',
    });
  });

  it('masks sensitive keys with exactly 16 asterisks', () => {
    assert.equal(MASK, '*'.repeat(16));
    assert.deepEqual(maskConfig({ a: 'x', s: 'secret' }, new Set(['s'])), { a: 'x', s: MASK });
  });

  it('keeps the stored secret when the mask comes back, and refuses a mask with nothing stored', () => {
    const sensitive = new Set(['s']);
    assert.deepEqual(unmaskConfig({ s: MASK, a: MASK }, { s: 'real' }, sensitive), { s: 'real', a: MASK });
    assert.deepEqual(unmaskConfig({ s: 'new' }, { s: 'real' }, sensitive), { s: 'new' });
    assert.throws(() => unmaskConfig({ s: MASK }, undefined, sensitive), /masked but no value is stored/);
  });

  it('splits secrets from plain keys', () => {
    assert.deepEqual(splitSecrets({ a: '1', s: '2' }, new Set(['s'])), { plain: { a: '1' }, secrets: { s: '2' } });
  });
});

describe('connector names', () => {
  const ok = ['a', 'Pageviews 1', 'a.b,c&d_e+f|g[h]-i', 'データ生成', 'é'.repeat(64), 'e\u0301'.repeat(32)];
  const bad: [string, RegExp][] = [['', /empty/], ['é'.repeat(65), /at most 64/], ['a/b', /may contain only/], ['a?b', /only/], ['a#b', /only/], ['a%b', /only/], ['tab\there', /only/]];
  for (const name of ok) it(`accepts ${JSON.stringify(name.slice(0, 12))}`, () => assert.equal(connectorNameProblem(name), undefined));
  for (const [name, message] of bad) it(`refuses ${JSON.stringify(name.slice(0, 12))}`, () => assert.match(connectorNameProblem(name) ?? '', message));
});
