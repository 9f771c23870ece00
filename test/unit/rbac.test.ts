import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bindingProblem, clusterCrn, crnCovers, crnLevel, decide, environmentCrn, organizationCrn, type Binding, type RoleName } from '../../src/core/rbac.ts';

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

describe('role levels (issue 7.6)', () => {
  it('tell the level a CRN pattern names exactly', () => {
    const cases: [string, string | undefined][] = [
      [org, 'organization'], [env, 'environment'], [lkc, 'cluster'],
      [`${org}/*`, undefined], [`${env}/*`, undefined], ['crn://confluent.cloud/organization=o1/environment=*', undefined],
      [`${lkc}/connector=lcc-1`, undefined], [`${org}/cloud-cluster=lkc-1`, undefined], [`${org}/`, undefined],
      ['crn://confluent.cloud/organization=', undefined], ['crn://confluent.cloud/organization=o1=x', undefined], ['https://x/organization=o1', undefined],
    ];
    for (const [pattern, level] of cases) assert.equal(crnLevel(pattern), level, pattern);
  });

  it('grant each role on exactly one resource of its level in the organization', () => {
    const cases: [RoleName, string, boolean][] = [
      ['OrganizationAdmin', org, true], ['OrganizationAdmin', `${org}/*`, false], ['OrganizationAdmin', env, false],
      ['OrganizationAdmin', organizationCrn('o2'), false],
      ['EnvironmentAdmin', env, true], ['EnvironmentAdmin', org, false], ['EnvironmentAdmin', `${org}/*`, false],
      ['EnvironmentAdmin', 'crn://confluent.cloud/organization=o1/environment=*', false], ['EnvironmentAdmin', lkc, false],
      ['CloudClusterAdmin', lkc, true], ['ConnectManager', lkc, true], ['Operator', lkc, true],
      ['Operator', `${lkc}/connector=lcc-1`, false], ['Operator', env, false], ['CloudClusterAdmin', `${env}/cloud-cluster=*`, false],
      ['Operator', clusterCrn('o2', 'env-1', 'lkc-1'), false],
    ];
    for (const [role, pattern, ok] of cases) {
      const problem = bindingProblem(role, pattern, 'o1');
      assert.equal(problem === undefined, ok, `${role} on ${pattern}: ${problem}`);
      if (problem) assert.match(problem, new RegExp(`^${role} is granted on .*crn_pattern must be crn://confluent\\.cloud/organization=o1`));
    }
  });

  it('ignore a stored binding at the wrong level for its role', () => {
    const bind = (roleName: string, crnPattern: string): Binding => ({ roleName, crnPattern });
    assert.equal(decide([bind('EnvironmentAdmin', `${org}/*`)], 'admin', org), 'forbidden', 'no organization admin from org/*');
    assert.equal(decide([bind('EnvironmentAdmin', org)], 'admin', org), 'forbidden', 'no organization admin from the organization');
    assert.equal(decide([bind('EnvironmentAdmin', org)], 'manage', lkc), 'invisible', 'nor anything inside it');
    assert.equal(decide([bind('Operator', `${lkc}/connector=lcc-1`)], 'read_status', lkc), 'invisible', 'a connector CRN grants nothing on its cluster');
    assert.equal(decide([bind('Operator', `${lkc}/connector=lcc-1`), bind('Operator', lkc)], 'read_status', lkc), 'allow', 'the right binding still counts');
  });
});
