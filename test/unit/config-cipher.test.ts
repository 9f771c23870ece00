// Encrypted connector configs (issue 7.13): bound to their connector, fixed tag length, and the
// v1 format readable only by the upgrade.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { ConfigCipher } from '../../src/store/config-cipher.ts';
import { sealV1 } from '../harness/v1-sealed.ts';

const key = randomBytes(32);
const cipher = new ConfigCipher(key);
const secrets = { 'kafka.api.secret': 's3cret' };

describe('config cipher', () => {
  it('round-trips a connector\'s secrets as v2', () => {
    const sealed = cipher.seal(secrets, 'lcc-aaaaaa');
    assert.match(sealed, /^v2:/);
    assert.deepEqual(cipher.open(sealed, 'lcc-aaaaaa'), secrets);
    assert.equal(cipher.seal({}, 'lcc-aaaaaa'), '');
    assert.deepEqual(cipher.open('', 'lcc-aaaaaa'), {});
  });

  it('issue 7.13: a value sealed for one connector does not open for another', () => {
    const sealed = cipher.seal(secrets, 'lcc-aaaaaa');
    assert.throws(() => cipher.open(sealed, 'lcc-bbbbbb'), /unable to authenticate/);
  });

  it('refuses a truncated tag instead of checking a shorter one', () => {
    const raw = Buffer.from(cipher.seal(secrets, 'lcc-aaaaaa').slice(3), 'base64');
    // iv + a 4-byte tag and no body: GCM without a fixed tag length would take 4 bytes as a tag.
    const truncated = `v2:${raw.subarray(0, 16).toString('base64')}`;
    assert.throws(() => cipher.open(truncated, 'lcc-aaaaaa'), /truncated/);
  });

  it('reads v1 only through the upgrade path', () => {
    const old = sealV1(key, secrets);
    assert.throws(() => cipher.open(old, 'lcc-aaaaaa'), /unknown encrypted config format "v1"/);
    assert.deepEqual(cipher.openV1(old), secrets);
    assert.throws(() => cipher.openV1(cipher.seal(secrets, 'lcc-aaaaaa')), /not a v1/);
  });
});
