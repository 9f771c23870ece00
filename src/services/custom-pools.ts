// Where custom connectors run (DESIGN: one pool per custom plugin version): a pool of that
// version for the connector's cluster, stored with its own port the first time a connector needs
// it; the pool manager starts it while connectors use it and stops it when none does.
import { randomBytes } from 'node:crypto';
import type { KafkaCluster } from '../core/cluster.ts';
import { InvalidConfig } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { DataPlane } from '../engine/data-plane.ts';
import { storedPorts } from '../store/clusters.ts';
import type { Store } from '../store/database.ts';
import { findCustomPool, insertConnectPool, listWantedCustomPools } from '../store/pools.ts';

export class CustomPoolService {
  /** `maxPools`: custom pools running at once (each a JVM): no tenant may exhaust the host. */
  constructor(private readonly db: Store, private readonly dataPlane: DataPlane, private readonly now: () => Date, private readonly maxPools: number) {}

  async poolFor(cluster: KafkaCluster, versionId: string): Promise<string> {
    const existing = await findCustomPool(this.db, versionId, cluster.id);
    const running = await listWantedCustomPools(this.db);
    if (existing && running.some((p) => p.id === existing.id)) return existing.id;
    if (running.length >= this.maxPools) {
      throw new InvalidConfig(`Connector configuration is invalid: confluent.custom.plugin.id: this installation runs at most ${this.maxPools} custom plugin pools at once (CIRRUS_MAX_CUSTOM_POOLS) and all are in use; delete the custom connectors of another plugin version first`);
    }
    if (existing) return existing.id;
    if (!this.dataPlane.embedded) {
      throw new InvalidConfig('Connector configuration is invalid: confluent.connector.type: custom connectors run in pools of this installation, and it runs none (CIRRUS_EMBEDDED=false)');
    }
    const [port] = await this.dataPlane.freePorts(1, await storedPorts(this.db));
    try {
      await insertConnectPool(this.db, {
        id: newId('pool', randomBytes), kind: 'custom', restUrl: undefined, port: port!, pluginVersionId: versionId, kafkaClusterId: cluster.id,
        createdAt: this.now().toISOString(),
      });
    } catch (err) {
      // Another connector of the same version and cluster made it a moment ago: use that one.
      const raced = await findCustomPool(this.db, versionId, cluster.id);
      if (raced) return raced.id;
      throw err;
    }
    return (await findCustomPool(this.db, versionId, cluster.id))!.id;
  }
}
