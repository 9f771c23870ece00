// cmk/v2 cluster spec rules (issue 7.21, 7.23): capacity by kind, what a PATCH may change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterConfigOf, patchedCluster, type ClusterState } from '../../src/core/cluster-spec.ts';
import { InvalidRequest } from '../../src/core/errors.ts';

const pointerOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    assert.ok(err instanceof InvalidRequest, String(err));
    return err.pointer;
  }
};

describe('cluster config by kind', () => {
  const cases: [string, Parameters<typeof clusterConfigOf>[0], string, string | object][] = [
    ['Dedicated with cku', { kind: 'Dedicated', cku: 2 }, 'SINGLE_ZONE', { configKind: 'Dedicated', cku: 2, maxEcku: null }],
    ['Dedicated without cku', { kind: 'Dedicated' }, 'SINGLE_ZONE', '/spec/config/cku'],
    ['Dedicated multi-zone with one CKU', { kind: 'Dedicated', cku: 1 }, 'MULTI_ZONE', '/spec/config/cku'],
    ['Dedicated with max_ecku', { kind: 'Dedicated', cku: 1, max_ecku: 1 }, 'SINGLE_ZONE', '/spec/config/max_ecku'],
    ['Basic', { kind: 'Basic' }, 'SINGLE_ZONE', { configKind: 'Basic', cku: null, maxEcku: null }],
    ['Basic with cku', { kind: 'Basic', cku: 1 }, 'SINGLE_ZONE', '/spec/config/cku'],
    ['Standard with max_ecku', { kind: 'Standard', max_ecku: 2 }, 'HIGH', { configKind: 'Standard', cku: null, maxEcku: 2 }],
    ['Standard, HIGH, one eCKU', { kind: 'Standard', max_ecku: 1 }, 'HIGH', '/spec/config/max_ecku'],
    ['an unknown kind', { kind: 'Huge' }, 'SINGLE_ZONE', '/spec/config/kind'],
  ];
  for (const [name, config, availability, expected] of cases) {
    it(`${name} → ${typeof expected === 'string' ? expected : 'accepted'}`, () => {
      if (typeof expected === 'string') assert.equal(pointerOf(() => clusterConfigOf(config, availability)), expected);
      else assert.deepEqual(clusterConfigOf(config, availability), expected);
    });
  }
});

describe('cluster PATCH', () => {
  const dedicated: ClusterState = { displayName: 'd', availability: 'SINGLE_ZONE', cloud: 'local', region: 'local', configKind: 'Dedicated', cku: 1, maxEcku: null };
  const basic: ClusterState = { ...dedicated, configKind: 'Basic', cku: null, maxEcku: 2 };

  it('applies display name, availability and capacity, keeping unnamed settings', () => {
    assert.deepEqual(patchedCluster(dedicated, { config: { cku: 3 } }), { ...dedicated, cku: 3 });
    assert.deepEqual(patchedCluster(basic, { availability: 'MULTI_ZONE', displayName: 'x' }), { ...basic, availability: 'MULTI_ZONE', displayName: 'x' });
    assert.deepEqual(patchedCluster(basic, { config: { kind: 'Basic' } }), basic, 'max_ecku kept');
    assert.deepEqual(patchedCluster(basic, { config: { kind: 'Standard' } }), { ...basic, configKind: 'Standard', maxEcku: null });
  });

  it('takes immutable fields sent unchanged as harmless', () => {
    assert.deepEqual(patchedCluster(dedicated, { cloud: 'LOCAL', region: 'local', network: null, byok: null, deletionProtection: false }), dedicated);
  });

  it('refuses what the spec does not let a client change', () => {
    const cases: [ClusterState, Parameters<typeof patchedCluster>[1], string][] = [
      [basic, { cloud: 'AWS' }, '/spec/cloud'], [basic, { region: 'us-east-1' }, '/spec/region'], [basic, { network: { id: 'n-1' } }, '/spec/network'],
      [basic, { byok: { id: 'cck-1' } }, '/spec/byok'], [basic, { deletionProtection: true }, '/spec/deletion_protection'],
      [dedicated, { config: { kind: 'Standard' } }, '/spec/config/kind'], [basic, { config: { kind: 'Dedicated', cku: 2 } }, '/spec/config/kind'],
      [dedicated, { availability: 'MULTI_ZONE' }, '/spec/config/cku'], [basic, { displayName: '' }, '/spec/display_name'],
    ];
    for (const [state, patch, pointer] of cases) assert.equal(pointerOf(() => patchedCluster(state, patch)), pointer, JSON.stringify(patch));
  });
});
