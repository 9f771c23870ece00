import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBasicAuthorization } from '../../src/core/basic-auth.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('Basic authorization header', () => {
  it('parses key and secret, with any scheme case', () => {
    for (const scheme of ['Basic', 'basic', 'BASIC']) {
      assert.deepEqual(parseBasicAuthorization(`${scheme} ${b64('KEY:se:cr+et/=')}`), { key: 'KEY', secret: 'se:cr+et/=' });
    }
  });

  const rejected: [string, string | undefined][] = [
    ['absent', undefined],
    ['empty', ''],
    ['no scheme', b64('KEY:SECRET')],
    ['bearer', 'Bearer abc'],
    ['no colon', `Basic ${b64('KEYSECRET')}`],
    ['empty key', `Basic ${b64(':SECRET')}`],
    ['empty secret', `Basic ${b64('KEY:')}`],
    ['not base64', 'Basic %%%'],
    ['control characters', `Basic ${b64('KEY:SE\nCRET')}`],
  ];
  for (const [name, header] of rejected) {
    it(`rejects ${name}`, () => assert.equal(parseBasicAuthorization(header), null));
  }
});
