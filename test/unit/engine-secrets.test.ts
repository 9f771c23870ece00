// Issue 10: secrets reach Connect as ${cirrus:<folder>:<file>} placeholders whose files are
// owner-only, named by a keyed hash (the same value keeps its name, a changed one gets a new
// name, and the name says nothing without the key), and go with their connector.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { EngineSecrets } from '../../src/engine/engine-secrets.ts';
import { engineSecret } from '../harness/engine-secrets.ts';

describe('engine secrets (issue 10)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-secrets-'));
  const secrets = new EngineSecrets(dir, randomBytes(32));

  it('hands out placeholders that resolve to the value, in owner-only files', async () => {
    const refs = secrets.collect('lcc-abc123', false);
    const placeholder = refs.ref('hunter2');
    assert.match(placeholder, /^\$\{cirrus:[^:}]+:s-[0-9a-f]{32}\}$/);
    assert.ok(!placeholder.includes(createHash('sha256').update('hunter2').digest('hex').slice(0, 32)), 'not a bare hash of the value');
    await secrets.write('lcc-abc123', refs.files);
    assert.equal(engineSecret(placeholder), 'hunter2');
    const file = path.join(dir, 'lcc-abc123', placeholder.slice(placeholder.lastIndexOf(':') + 1, -1));
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.join(dir, 'lcc-abc123')).mode & 0o777, 0o700);
    assert.equal(secrets.collect('lcc-abc123', false).ref('hunter2'), placeholder, 'the same value keeps its placeholder');
  });

  it('replaces the files of a changed secret, and removes them with the connector', async () => {
    const old = secrets.collect('lcc-abc123', false).ref('hunter2');
    const refs = secrets.collect('lcc-abc123', false);
    const changed = refs.ref('hunter3');
    assert.notEqual(changed, old);
    await secrets.write('lcc-abc123', refs.files);
    assert.equal(engineSecret(changed), 'hunter3');
    assert.equal(engineSecret(old), undefined, 'the old value is gone');
    await secrets.remove('lcc-abc123');
    assert.ok(!fs.existsSync(path.join(dir, 'lcc-abc123')));
  });

  it('sends values inline to a Connect that cannot read our files, and refuses ids that are not ids', () => {
    assert.equal(secrets.collect('lcc-abc123', true).ref('hunter2'), 'hunter2');
    assert.equal(new EngineSecrets(undefined, randomBytes(32)).collect('lcc-abc123', false).ref('hunter2'), 'hunter2');
    assert.throws(() => secrets.collect('../etc', false));
  });
});
