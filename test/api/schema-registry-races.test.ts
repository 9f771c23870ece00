// Issue 14: the compatibility check and the write of a new version are one transaction. Two
// schemas each compatible with the subject's latest version but not with each other, registered
// at the same moment, must not both land: one is 200, the other 409, and the subject holds two
// versions. Several subjects at once, on a store that answers on a later turn of the event loop
// (test/harness/slow-store.ts), so that requests really interleave in the server. Deleting a
// version while a schema referencing it is registered is the same kind of race.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { LaterAnswers } from '../harness/slow-store.ts';
import { avroRecord, registryOf, type RegistryClient } from '../harness/schema-registry.ts';

const BASE = avroRecord([{ name: 'id', type: 'long' }]);
// Each only adds a field with a default (BACKWARD-compatible with BASE); as each other's
// successor, one cannot read the other's `extra`.
const WITH_STRING = avroRecord([{ name: 'id', type: 'long' }, { name: 'extra', type: 'string', default: '' }]);
const WITH_INT = avroRecord([{ name: 'id', type: 'long' }, { name: 'extra', type: 'int', default: 0 }]);
const SUBJECTS = 12;

describe('Schema Registry: concurrent registrations (issue 14)', () => {
  let api: ApiApp;
  let sr: RegistryClient;

  before(async () => {
    api = await startApiApp({ storePlugins: [new LaterAnswers()] });
    sr = await registryOf(api);
  });
  after(async () => api.close());

  it('two incompatible schemas registered at once under one subject: exactly one lands', async () => {
    const subjects = Array.from({ length: SUBJECTS }, (_, i) => `race-${i}-value`);
    for (const subject of subjects) assert.equal((await sr.call('POST', `/subjects/${subject}/versions`, { schema: BASE })).status, 200);
    const answers = await Promise.all(subjects.flatMap((subject) => [WITH_STRING, WITH_INT].map((schema) => sr.call('POST', `/subjects/${subject}/versions`, { schema }))));
    for (const [i, subject] of subjects.entries()) {
      const statuses = [answers[2 * i]!.status, answers[2 * i + 1]!.status].sort();
      assert.deepEqual(statuses, [200, 409], `${subject}: ${answers[2 * i]!.text} / ${answers[2 * i + 1]!.text}`);
      assert.deepEqual((await sr.call('GET', `/subjects/${subject}/versions`)).json, [1, 2], subject);
    }
    const refused = answers.find((a) => a.status === 409)!;
    assert.equal((refused.json as { error_code: number }).error_code, 409);
  });

  it('a version deleted while a schema referencing it is registered: never both', async () => {
    const base = avroRecord([{ name: 'id', type: 'long' }], 'Base');
    const user = JSON.stringify({ type: 'record', name: 'Holder', namespace: 'cirrus.test', fields: [{ name: 'base', type: 'cirrus.test.Base' }] });
    for (let i = 0; i < SUBJECTS; i++) {
      assert.equal((await sr.call('POST', `/subjects/base-${i}/versions`, { schema: base })).status, 200);
      const [deleted, registered] = await Promise.all([
        sr.call('DELETE', `/subjects/base-${i}/versions/1`),
        sr.call('POST', `/subjects/holder-${i}-value/versions`, { schema: user, references: [{ name: 'cirrus.test.Base', subject: `base-${i}`, version: 1 }] }),
      ]);
      const outcome = [deleted.status, registered.status];
      // Either the delete came first (the reference names no live version: 42201), or the
      // registration did (the version is referenced: 42206).
      assert.ok(
        (deleted.status === 200 && (registered.json as { error_code?: number }).error_code === 42201)
          || (registered.status === 200 && (deleted.json as { error_code?: number }).error_code === 42206),
        `base-${i}: ${JSON.stringify(outcome)} ${deleted.text} / ${registered.text}`,
      );
    }
  });

  it('the same new schema registered at once under one subject gets one version and one id', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => sr.call('POST', '/subjects/same-value/versions', { schema: WITH_STRING })));
    assert.deepEqual(answers.map((a) => a.status), Array(6).fill(200));
    assert.equal(new Set(answers.map((a) => (a.json as { id: number }).id)).size, 1);
    assert.deepEqual((await sr.call('GET', '/subjects/same-value/versions')).json, [1]);
  });
});
