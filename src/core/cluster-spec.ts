// cmk/v2 cluster spec rules without I/O (cmk-v2.yaml ClusterSpec / ClusterSpecUpdate): the config
// by kind (Dedicated carries `cku`, the others an optional `max_ecku`), and what a PATCH may
// change. Pointers name the field a refusal is about (CONTRACT §5.3).
import { InvalidRequest } from './errors.ts';
import { integerAtLeast, oneOf, requiredText } from './validation.ts';

export const AVAILABILITIES = ['SINGLE_ZONE', 'MULTI_ZONE', 'LOW', 'HIGH'] as const;
export const CLOUDS = ['AWS', 'GCP', 'AZURE'] as const;
export const CLUSTER_KINDS = ['Basic', 'Standard', 'Dedicated', 'Enterprise', 'Freight'] as const;

/** What `spec.config` holds: the kind and its capacity setting. */
export interface ClusterConfig {
  configKind: string;
  /** Dedicated only: Confluent Kafka Units. */
  cku: number | null;
  /** Other kinds, optional: the most eCKUs to scale to. */
  maxEcku: number | null;
}

export interface ClusterConfigInput {
  kind?: unknown;
  cku?: unknown;
  max_ecku?: unknown;
}

/** `spec.config` of a create, checked against the cluster's availability. */
export function clusterConfigOf(config: ClusterConfigInput, availability: string): ClusterConfig {
  const configKind = oneOf(config.kind, CLUSTER_KINDS, '/spec/config/kind');
  if (configKind === 'Dedicated') {
    if (config.max_ecku !== undefined) throw new InvalidRequest('spec.config.max_ecku is not a setting of Dedicated clusters (they have cku)', '/spec/config/max_ecku');
    if (config.cku === undefined) throw new InvalidRequest('spec.config.cku is required for a Dedicated cluster', '/spec/config/cku');
    // The spec: MULTI_ZONE dedicated clusters must have at least two CKUs.
    const cku = integerAtLeast(config.cku, availability === 'MULTI_ZONE' ? 2 : 1, '/spec/config/cku');
    return { configKind, cku, maxEcku: null };
  }
  if (config.cku !== undefined) throw new InvalidRequest(`spec.config.cku is only for Dedicated clusters, not ${configKind}`, '/spec/config/cku');
  // The spec: Standard, Enterprise and Freight clusters with HIGH availability need two eCKUs.
  const least = availability === 'HIGH' && configKind !== 'Basic' ? 2 : 1;
  const maxEcku = config.max_ecku === undefined ? null : integerAtLeast(config.max_ecku, least, '/spec/config/max_ecku');
  return { configKind, cku: null, maxEcku };
}

/** What a cluster looks like to a PATCH. */
export interface ClusterState extends ClusterConfig {
  displayName: string;
  availability: string;
  cloud: string;
  region: string;
}

/** A PATCH's spec, as sent (undefined = not sent). */
export interface ClusterPatch {
  displayName?: unknown;
  availability?: unknown;
  config?: ClusterConfigInput;
  deletionProtection?: unknown;
  /** Immutable (x-immutable, absent from ClusterSpecUpdate): sent equal to the current value, harmless. */
  cloud?: unknown;
  region?: unknown;
  network?: unknown;
  byok?: unknown;
}

function inputOf(config: ClusterConfig): ClusterConfigInput {
  return { kind: config.configKind, ...(config.cku !== null ? { cku: config.cku } : {}), ...(config.maxEcku !== null ? { max_ecku: config.maxEcku } : {}) };
}

/** Basic may become Standard; no other change of kind (the spec: no downgrades). */
function kindChangeAllowed(from: string, to: string): boolean {
  return from === to || (from === 'Basic' && to === 'Standard');
}

function refuseChangeOf(field: string, sent: unknown, current: string | null, same: (a: string, b: string) => boolean): void {
  if (sent === undefined || (sent === null && current === null)) return;
  if (typeof sent === 'string' && current !== null && same(sent, current)) return;
  throw new InvalidRequest(`spec.${field} cannot be changed`, `/spec/${field}`);
}

/** The cluster after a PATCH; refuses what the spec does not let a client change. */
export function patchedCluster(current: ClusterState, patch: ClusterPatch): ClusterState {
  refuseChangeOf('cloud', patch.cloud, current.cloud, (a, b) => a.toUpperCase() === b.toUpperCase());
  refuseChangeOf('region', patch.region, current.region, (a, b) => a === b);
  refuseChangeOf('network', patch.network, null, () => false);
  refuseChangeOf('byok', patch.byok, null, () => false);
  // Cirrus has no deletion protection to apply: false (what every cluster has) is harmless.
  if (patch.deletionProtection !== undefined && patch.deletionProtection !== false) {
    throw new InvalidRequest('spec.deletion_protection is not supported by Cirrus; only false is accepted', '/spec/deletion_protection');
  }
  const displayName = patch.displayName === undefined ? current.displayName : requiredText(patch.displayName, '/spec/display_name', 64);
  const availability = patch.availability === undefined ? current.availability : oneOf(patch.availability, AVAILABILITIES, '/spec/availability');
  const sent = patch.config;
  let config: ClusterConfig = { configKind: current.configKind, cku: current.cku, maxEcku: current.maxEcku };
  if (sent !== undefined) {
    const kind = sent.kind ?? current.configKind;
    if (typeof kind === 'string' && !kindChangeAllowed(current.configKind, kind)) {
      throw new InvalidRequest(`spec.config.kind cannot change from ${current.configKind} to ${kind}; only Basic may become Standard`, '/spec/config/kind');
    }
    // Settings of the same kind that the PATCH does not name are kept.
    config = clusterConfigOf({ ...(kind === current.configKind ? inputOf(current) : {}), ...sent, kind }, availability);
  } else if (availability !== current.availability) {
    // A new availability must still suit the capacity the cluster has.
    clusterConfigOf(inputOf(current), availability);
  }
  return { ...current, ...config, displayName, availability };
}
