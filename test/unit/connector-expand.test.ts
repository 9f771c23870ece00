// connect/v1 `expand` parsing (CONTRACT §1.3); the policy and the handler share it (issue 7.5).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExpand } from '../../src/core/connector-expand.ts';

describe('expand parsing', () => {
  const cases: [string, unknown, string[]][] = [
    ['absent', undefined, []],
    ['empty', '', []],
    ['one comma list', 'info,status,id', ['id', 'info', 'status']],
    ['repeated, as the Go SDK sends it', ['info,status,id', 'status'], ['id', 'info', 'status']],
    ['tokens with blanks around them', '\tinfo , status\n', ['info', 'status']],
    ['unknown tokens ignored', 'infos,everything,id', ['id']],
    ['non-strings ignored', [1, null, 'info'], ['info']],
  ];
  for (const [name, raw, parts] of cases) {
    it(`${name} → [${parts.join(', ')}]`, () => assert.deepEqual([...parseExpand(raw)].sort(), parts));
  }
});
