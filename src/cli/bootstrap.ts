// `cirrus init` creates what the server's first start would (store, master key, the bootstrap
// identity, bootstrap.json), without starting anything; `cirrus bootstrap` shows bootstrap.json.
import fs from 'node:fs';
import { endpointOf, type Config } from '../config.ts';
import { BOOTSTRAP_FILE, bootstrapFile, ensureBootstrap, readBootstrapFile, type BootstrapInfo } from '../services/bootstrap.ts';
import { openStore } from '../store/database.ts';
import { recordOperation } from '../store/operations.ts';
import { firstOrganization } from '../store/organizations.ts';
import { brokerBootstrap } from '../supervisor/broker.ts';
import { newApiKeySecrets, notInitialised, storeFile } from './installation.ts';
import { CliError, fieldLines, type Printer } from './output.ts';

export async function init(config: Config, out: Printer): Promise<void> {
  fs.mkdirSync(config.home, { recursive: true });
  const db = await openStore(storeFile(config.home));
  try {
    if (await firstOrganization(db)) {
      throw new CliError(
        `${config.home} is already initialised; \`cirrus bootstrap\` shows its endpoint, ids and keys, ` +
        'and `cirrus keys create-admin` creates a new admin key if you lost the secret',
      );
    }
    const info = await ensureBootstrap({
      db, secrets: newApiKeySecrets(config), home: config.home, endpoint: endpointOf(config),
      kafkaBootstrapServers: brokerBootstrap(config.broker), now: () => new Date(),
    });
    // ensureBootstrap records `identity.bootstrap` as the system's doing; this says who asked.
    await recordOperation(db, {
      operation: 'cli.init', resourceId: info.organization_id, actor: 'cli', at: new Date().toISOString(),
      detail: { cloud_api_key: info.cloud_api_key, kafka_api_key: info.kafka_api_key },
    });
    out.document(info);
    printInit(out, info, config.home);
  } finally {
    await db.destroy();
  }
}

function printInit(out: Printer, info: BootstrapInfo, home: string): void {
  out.line(`Initialised Cirrus in ${home}.`);
  out.line();
  for (const line of summaryLines(info, true)) out.line(line);
  out.line();
  out.line(`The cloud API key above is the OrganizationAdmin's; it and the Kafka API key are saved in`);
  out.line(`${bootstrapFile(home)} (keep it private). Start the server with \`npm start\` on the same home.`);
}

export function readBootstrap(home: string): BootstrapInfo {
  const file = bootstrapFile(home);
  let info: BootstrapInfo | undefined;
  try {
    info = readBootstrapFile(home);
  } catch (err) {
    throw new CliError(`${file} is not valid JSON: ${(err as Error).message}`, 1);
  }
  if (info) return info;
  if (fs.existsSync(storeFile(home))) {
    throw new CliError(`${file} is missing although ${home} has a store; its secrets are lost, but \`cirrus keys create-admin\` makes a new admin key`);
  }
  throw notInitialised(home, `no ${BOOTSTRAP_FILE}`);
}

export function showBootstrap(config: Config, out: Printer, showSecrets: boolean): void {
  const info = readBootstrap(config.home);
  out.document(info);
  out.line(`Cirrus bootstrap (${bootstrapFile(config.home)}):`);
  out.line();
  for (const line of summaryLines(info, showSecrets)) out.line(line);
  if (!showSecrets) {
    out.line();
    out.line('Secrets are hidden; add --show-secrets to print them.');
  }
}

function summaryLines(info: BootstrapInfo, showSecrets: boolean): string[] {
  const secret = (label: string, value: string): Array<[string, string]> => (showSecrets ? [[label, value]] : []);
  return fieldLines([
    ['Endpoint', info.endpoint],
    ['Organization', info.organization_id],
    ['Environment', info.environment_id],
    ['Kafka cluster', info.kafka_cluster_id],
    ['Kafka bootstrap', info.kafka_bootstrap_servers],
    ['Connect pool', info.connect_pool_id],
    ['Cloud API key', info.cloud_api_key],
    ...secret('Cloud API secret', info.cloud_api_secret),
    ['Kafka API key', info.kafka_api_key],
    ...secret('Kafka API secret', info.kafka_api_secret),
    ['Schema Registry', `${info.schema_registry_id} at ${info.schema_registry_endpoint}`],
    ['Schema Registry API key', info.schema_registry_api_key],
    ...secret('Schema Registry API secret', info.schema_registry_api_secret),
  ]);
}
