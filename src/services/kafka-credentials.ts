// Checks the Kafka credentials inside a connector config against *this* cluster (Q42): a key of
// another cluster, a cloud key or a wrong secret are validation errors, named without secrets.
import type { ConnectorConfig } from '../core/connector-config.ts';
import type { KafkaCluster } from '../core/cluster.ts';
import { findApiKey } from '../store/api-keys.ts';
import type { Store } from '../store/database.ts';
import { findPrincipal } from '../store/principals.ts';
import type { ApiKeySecrets } from './api-key-secrets.ts';

export class KafkaCredentials {
  constructor(private readonly db: Store, private readonly secrets: ApiKeySecrets) {}

  /** Errors by config key; empty when the credentials may write to `cluster`. */
  async errors(cluster: KafkaCluster, config: ConnectorConfig): Promise<Record<string, string[]>> {
    const mode = (config['kafka.auth.mode'] ?? 'KAFKA_API_KEY').toUpperCase();
    if (mode === 'SERVICE_ACCOUNT') return this.serviceAccountErrors(config);
    if (mode !== 'KAFKA_API_KEY') return {}; // the choice check reports it
    const key = config['kafka.api.key'];
    const secret = config['kafka.api.secret'];
    const out: Record<string, string[]> = {};
    if (!key) out['kafka.api.key'] = ['"kafka.api.key" is required'];
    if (!secret) out['kafka.api.secret'] = ['"kafka.api.secret" is required'];
    if (!key || !secret) return out;
    const found = await findApiKey(this.db, key);
    const valid = found !== undefined && this.secrets.matches(secret, found.secretHash)
      && found.resourceKind === 'kafka_cluster' && found.resourceId === cluster.id;
    if (valid) return {};
    const message = `The Kafka API key and secret are not valid for cluster ${cluster.id}`;
    return { 'kafka.api.key': [message], 'kafka.api.secret': [message] };
  }

  private async serviceAccountErrors(config: ConnectorConfig): Promise<Record<string, string[]>> {
    const id = config['kafka.service.account.id'];
    if (!id) return { 'kafka.service.account.id': ['"kafka.service.account.id" is required when kafka.auth.mode is SERVICE_ACCOUNT'] };
    const principal = await findPrincipal(this.db, id);
    if (principal?.kind !== 'service_account') return { 'kafka.service.account.id': [`Service account ${id} does not exist`] };
    return {};
  }
}
