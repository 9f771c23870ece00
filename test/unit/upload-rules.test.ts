// Issue 9: the rules of presigned uploads (formats, clouds, keys, single use), the local store's
// safe-path resolver (C13) and who may manage plugins (manage_plugins, granted from inside).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Conflict, InvalidRequest } from '../../src/core/errors.ts';
import { clusterCrn, decide, environmentCrn, organizationCrn, type Binding } from '../../src/core/rbac.ts';
import { checkUsable, parseCloud, parseContentFormat, uploadIdOfKey, uploadObjectKey, type Upload } from '../../src/core/upload.ts';
import { resolveObjectPath, unsafeKeyReason } from '../../src/objects/safe-path.ts';

describe('grant requests', () => {
  it('take content_format and cloud in any case', () => {
    assert.equal(parseContentFormat('zip'), 'ZIP');
    assert.equal(parseContentFormat('Jar'), 'JAR');
    assert.equal(parseCloud('gcp', true), 'GCP');
    assert.equal(parseCloud(undefined, false), 'AWS');
    for (const bad of ['TAR', '', 7, undefined]) assert.throws(() => parseContentFormat(bad), InvalidRequest);
    assert.throws(() => parseCloud('IBM', false), InvalidRequest);
    assert.throws(() => parseCloud(undefined, true), InvalidRequest);
  });

  it('name an object per organization and upload, and read the upload back from it', () => {
    const id = '0b7d3c52-8e7a-4e0a-9d43-1f2e3d4c5b6a';
    const key = uploadObjectKey('org-1', id, 'JAR');
    assert.equal(key, `uploads/org-1/${id}/plugin.jar`);
    assert.equal(uploadIdOfKey(key), id);
    assert.equal(uploadIdOfKey('uploads/org-1/x/plugin.jar'), undefined);
    assert.equal(unsafeKeyReason(key), undefined);
  });
});

describe('an upload used by a plugin', () => {
  const upload: Upload = {
    id: 'u1', api: 'ccpm/v1', organizationId: 'o1', environmentId: 'env-1', contentFormat: 'ZIP', cloud: 'AWS', bucket: 'b', objectKey: 'k',
    createdAt: '', expiresAt: '', completedAt: '2026-01-01T00:00:00Z', size: 100, sha256: 'x', consumedAt: null,
  };
  const scope = { api: 'ccpm/v1', organizationId: 'o1', environmentId: 'env-1' } as const;
  const cases: [string, Upload | undefined, unknown, RegExp | typeof Conflict | undefined][] = [
    ['a completed, unused upload of its scope', upload, scope, undefined],
    ['none', undefined, scope, /was not found/],
    ['another environment', upload, { ...scope, environmentId: 'env-2' }, /was not found/],
    ['another organization', upload, { ...scope, organizationId: 'o2' }, /was not found/],
    ['the other API', upload, { api: 'connect/v1', organizationId: 'o1' }, /was not found/],
    ['not completed', { ...upload, completedAt: null }, scope, /has not been completed/],
    ['already used', { ...upload, consumedAt: '2026-01-02T00:00:00Z' }, scope, Conflict],
  ];
  for (const [name, given, s, expected] of cases) {
    it(`${name} → ${expected === undefined ? 'usable' : 'refused'}`, () => {
      const run = () => checkUsable(given, 'u1', s as typeof scope);
      if (expected === undefined) run();
      else assert.throws(run, expected as RegExp);
    });
  }
  it('points errors at upload_source.upload_id of the asking API', () => {
    assert.throws(() => checkUsable(undefined, 'u1', scope), (err: InvalidRequest) => err.pointer === '/spec/upload_source/upload_id');
    assert.throws(() => checkUsable(undefined, 'u1', { api: 'connect/v1', organizationId: 'o1' }), (err: InvalidRequest) => err.pointer === '/upload_source/upload_id');
  });
});

describe('the local store\'s safe-path resolver (C13)', () => {
  const refused = ['', '../etc/passwd', 'a/../../b', '/etc/passwd', 'C:/x', 'a\\b', 'a\0b', 'a//b', './a', 'a/./b', 'a/', '.incoming/x', 'a/.hidden', 'x'.repeat(1025)];
  for (const key of refused) {
    it(`refuses ${JSON.stringify(key.slice(0, 40))}`, () => {
      assert.notEqual(unsafeKeyReason(key), undefined);
      assert.throws(() => resolveObjectPath('/srv/objects/b', key));
    });
  }
  it('resolves a plain key under its root', () => assert.equal(resolveObjectPath('/srv/objects/b', 'uploads/o/u/plugin.zip'), '/srv/objects/b/uploads/o/u/plugin.zip'));
});

describe('manage_plugins: granted by a role at or inside the scope', () => {
  const org = organizationCrn('o1');
  const env = environmentCrn('o1', 'env-1');
  const lkc = clusterCrn('o1', 'env-1', 'lkc-1');
  const bind = (roleName: string, crnPattern: string): Binding => ({ roleName, crnPattern });
  const cases: [string, Binding[], string, string][] = [
    ['OrganizationAdmin, organization plugins', [bind('OrganizationAdmin', org)], org, 'allow'],
    ['EnvironmentAdmin, organization plugins', [bind('EnvironmentAdmin', env)], org, 'allow'],
    ['CloudClusterAdmin, organization plugins', [bind('CloudClusterAdmin', lkc)], org, 'allow'],
    ['ConnectManager, organization plugins', [bind('ConnectManager', lkc)], org, 'forbidden'],
    ['Operator, organization plugins', [bind('Operator', lkc)], org, 'forbidden'],
    ['no role at all, organization plugins', [], org, 'forbidden'],
    ['EnvironmentAdmin, its environment', [bind('EnvironmentAdmin', env)], env, 'allow'],
    ['CloudClusterAdmin, its cluster\'s environment', [bind('CloudClusterAdmin', lkc)], env, 'allow'],
    ['ConnectManager, its cluster\'s environment', [bind('ConnectManager', lkc)], env, 'forbidden'],
    ['EnvironmentAdmin, another environment', [bind('EnvironmentAdmin', environmentCrn('o1', 'env-2'))], env, 'invisible'],
  ];
  for (const [name, bindings, resource, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(decide(bindings, 'manage_plugins', resource), expected));
  }
  it('leaves the other actions as they were: an EnvironmentAdmin still may not administer the organization', () => {
    assert.equal(decide([bind('EnvironmentAdmin', env)], 'admin', org), 'forbidden');
  });
});
