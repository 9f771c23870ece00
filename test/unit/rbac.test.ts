import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterCrn, crnCovers, decide, environmentCrn, organizationCrn, type Binding } from '../../src/core/rbac.ts';

const org = organizationCrn('o1');
const env = environmentCrn('o1', 'env-1');
const lkc = clusterCrn('o1', 'env-1', 'lkc-1');
const otherLkc = clusterCrn('o1', 'env-2', 'lkc-2');

describe('CRN patterns', () => {
  it('cover the resource itself and what lies beneath it, segment by segment', () => {
    assert.ok(crnCovers(org, lkc));
    assert.ok(crnCovers(env, lkc));
    assert.ok(crnCovers(lkc, lkc));
    assert.equal(crnCovers(lkc, env), false);
    assert.equal(crnCovers(environmentCrn('o1', 'env-11'), clusterCrn('o1', 'env-1', 'lkc-1')), false, 'no prefix match inside a value');
    assert.equal(crnCovers(environmentCrn('o1', 'env'), lkc), false);
    assert.equal(crnCovers(organizationCrn('o2'), lkc), false);
  });

  it('accept * as any value of a segment, and a trailing /*', () => {
    assert.ok(crnCovers('crn://confluent.cloud/organization=o1/environment=*', lkc));
    assert.ok(crnCovers(`${env}/*`, lkc));
    assert.equal(crnCovers('crn://confluent.cloud/organization=*/environment=env-3', lkc), false);
  });

  it('refuse anything that is not a confluent.cloud CRN', () => {
    assert.equal(crnCovers('https://example.com/organization=o1', lkc), false);
    assert.equal(crnCovers('', lkc), false);
  });
});

describe('decisions', () => {
  const bind = (roleName: string, crnPattern: string): Binding => ({ roleName, crnPattern });
  const cases: [string, Binding[], Parameters<typeof decide>[1], string, string][] = [
    ['org admin anywhere', [bind('OrganizationAdmin', org)], 'admin', otherLkc, 'allow'],
    ['env admin inside', [bind('EnvironmentAdmin', env)], 'manage', lkc, 'allow'],
    ['env admin elsewhere', [bind('EnvironmentAdmin', env)], 'read_status', otherLkc, 'invisible'],
    ['env admin on org-level admin', [bind('EnvironmentAdmin', env)], 'admin', org, 'forbidden'],
    ['cluster admin manages connectors', [bind('CloudClusterAdmin', lkc)], 'manage', lkc, 'allow'],
    ['cluster admin does not administer the cluster', [bind('CloudClusterAdmin', lkc)], 'admin', lkc, 'forbidden'],
    ['connect manager pauses', [bind('ConnectManager', lkc)], 'operate', lkc, 'allow'],
    ['connect manager does not create', [bind('ConnectManager', lkc)], 'manage', lkc, 'forbidden'],
    ['operator reads status', [bind('Operator', lkc)], 'read_status', lkc, 'allow'],
    ['operator does not read config', [bind('Operator', lkc)], 'read', lkc, 'forbidden'],
    ['a role inside lets one see the environment', [bind('Operator', lkc)], 'read_status', env, 'allow'],
    ['but not change it', [bind('Operator', lkc)], 'admin', env, 'forbidden'],
    ['an unknown role grants nothing', [bind('Wizard', org)], 'read_status', lkc, 'forbidden'],
    ['no binding at all', [], 'read_status', lkc, 'invisible'],
    ['no binding at all, on the organization itself (issue 7.7)', [], 'admin', org, 'forbidden'],
    ['a binding elsewhere hides another environment', [bind('EnvironmentAdmin', environmentCrn('o1', 'env-2'))], 'read_status', env, 'invisible'],
  ];
  for (const [name, bindings, action, resource, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(decide(bindings, action, resource), expected));
  }
});
