import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bindingProblem, clusterCrn, crnCovers, crnLevel, decide, environmentCrn, organizationCrn, subjectCrn, type Action, type Binding, type RoleName,
} from '../../src/core/rbac.ts';

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

describe('subject roles (issue 14)', () => {
  const registry = 'crn://confluent.cloud/organization=o1/environment=env-1/schema-registry=lsrc-1';
  const subject = (name: string) => subjectCrn('o1', 'env-1', 'lsrc-1', name);
  const bind = (roleName: string, crnPattern: string): Binding => ({ roleName, crnPattern });

  it('are granted on subjects of the environment\'s own registry, one name or a prefix', () => {
    const cases: [RoleName, string, boolean][] = [
      ['DeveloperRead', `${registry}/subject=orders-value`, true], ['DeveloperWrite', `${registry}/subject=orders-*`, true],
      ['ResourceOwner', `${registry}/subject=*`, true], ['DeveloperRead', `${registry}/subject=:.ctx:orders`, true],
      ['DeveloperRead', registry, false], ['DeveloperRead', env, false], ['DeveloperRead', `${registry}/subject=`, false],
      ['DeveloperRead', `${registry}/subject=a*b`, false], ['DeveloperRead', `${registry}/subject=a**`, false],
      ['DeveloperRead', 'crn://confluent.cloud/organization=o1/environment=env-1/schema-registry=lsrc-2/subject=x', false],
      ['DeveloperRead', 'crn://confluent.cloud/organization=o2/environment=env-1/schema-registry=lsrc-1/subject=x', false],
      ['DeveloperRead', `${lkc}/topic=x`, false], ['EnvironmentAdmin', `${registry}/subject=x`, false], ['Operator', `${registry}/subject=x`, false],
    ];
    for (const [role, pattern, ok] of cases) {
      const problem = bindingProblem(role, pattern, 'o1');
      assert.equal(problem === undefined, ok, `${role} on ${pattern}: ${problem}`);
    }
    assert.match(bindingProblem('DeveloperRead', env, 'o1')!, /schema-registry=<lsrc-…>\/subject=<subject, or a prefix and \*>/);
  });

  it('grant read, then write, then ownership, on the subjects they name', () => {
    const cases: [string, Binding[], Action, string, string][] = [
      ['DeveloperRead reads its subject', [bind('DeveloperRead', subject('a'))], 'read', subject('a'), 'allow'],
      ['DeveloperRead may not write', [bind('DeveloperRead', subject('a'))], 'manage', subject('a'), 'forbidden'],
      ['DeveloperWrite writes', [bind('DeveloperWrite', subject('a'))], 'manage', subject('a'), 'allow'],
      ['DeveloperWrite may not own', [bind('DeveloperWrite', subject('a'))], 'admin', subject('a'), 'forbidden'],
      ['ResourceOwner owns', [bind('ResourceOwner', subject('a'))], 'admin', subject('a'), 'allow'],
      ['a prefix covers what it prefixes', [bind('DeveloperRead', `${registry}/subject=orders-*`)], 'read', subject('orders-value'), 'allow'],
      ['and not the rest', [bind('DeveloperRead', `${registry}/subject=orders-*`)], 'read', subject('order'), 'invisible'],
      ['`*` covers every subject', [bind('DeveloperRead', `${registry}/subject=*`)], 'read', subject('x'), 'allow'],
      ['another subject is out of reach', [bind('ResourceOwner', subject('a'))], 'read', subject('b'), 'invisible'],
      ['a subject `a/b` is not inside subject `a`', [bind('ResourceOwner', subject('a'))], 'read', subject('a/b'), 'invisible'],
      ['nor is `a*` a prefix to a subject named so', [bind('ResourceOwner', `${registry}/subject=a`)], 'read', subject('a*'), 'invisible'],
      ['a role in the registry lets one see it exists', [bind('DeveloperRead', subject('a'))], 'read_status', registry, 'allow'],
      ['and nothing more of it', [bind('ResourceOwner', subject('a'))], 'admin', registry, 'forbidden'],
      ['nor of its environment', [bind('ResourceOwner', subject('a'))], 'read', env, 'forbidden'],
      ['nor of a cluster', [bind('ResourceOwner', `${registry}/subject=*`)], 'read_status', lkc, 'invisible'],
      ['EnvironmentAdmin owns every subject', [bind('EnvironmentAdmin', env)], 'admin', subject('a'), 'allow'],
    ];
    for (const [name, bindings, action, resource, expected] of cases) assert.equal(decide(bindings, action, resource), expected, name);
  });
});
