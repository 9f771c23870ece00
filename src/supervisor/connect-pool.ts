// A managed Kafka Connect pool: one distributed-mode worker with its own group and internal
// topics, our connectors on its plugin.path. Ready once Connect's /health answers 200.
import fs from 'node:fs';
import path from 'node:path';
import { jvmOptions, writeProperties } from './jvm-files.ts';
import { metricsAgentOption } from './metrics-agent.ts';
import type { ProcessSpec } from './supervised-process.ts';
import { SECRETS_PROVIDER } from '../engine/engine-secrets.ts';

export interface PoolSettings {
  poolId: string;
  home: string;
  java: string;
  classpath: string;
  pluginPath: string;
  /**
   * Custom plugins may predate Connect's service manifests: their pools scan the plugin.path
   * (hybrid_warn) unless inspection found a manifest for every plugin; ours, all with
   * manifests, load by service_load, seconds faster per start.
   */
  discovery: 'service_load' | 'hybrid_warn';
  log4jConfig: string;
  /** Where connector secrets are files (engine/engine-secrets.ts): the only folder the provider may read. */
  secretsDir: string;
  bootstrapServers: string;
  port: number;
  heap: string;
  /** The metrics agent (issue 12); absent: the pool serves no metrics (a test's extra pool). */
  metrics?: PoolMetricsAgent;
}

export interface PoolMetricsAgent {
  jar: string;
  /** The exporter's YAML (supervisor/metrics-agent.ts). */
  configFile: string;
  /** The loopback port to serve on, asked for before every start (the data plane keeps it stable). */
  choosePort: () => Promise<number>;
}

const METRIC_REPORTERS = 'org.apache.kafka.common.metrics.JmxReporter,dev.cirrus.connect.metrics.RetainedTaskMetricsReporter';

export function poolRestUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** A pool's internal topics on its cluster: its configs, offsets and statuses. */
export function poolTopic(poolId: string, what: 'configs' | 'offsets' | 'status'): string {
  return `_cirrus-${poolId}-${what}`;
}

export function poolSpec(s: PoolSettings): ProcessSpec {
  const propsFile = path.join(s.home, 'connect', `${s.poolId}.properties`);
  const topic = (what: 'configs' | 'offsets' | 'status') => poolTopic(s.poolId, what);
  let metricsPort: number | undefined;
  const agent = () => (s.metrics && metricsPort !== undefined ? [metricsAgentOption(s.metrics.jar, metricsPort, s.metrics.configFile)] : []);
  return {
    name: `connect-${s.poolId}`,
    command: s.java,
    args: () => [...jvmOptions(s.heap, s.log4jConfig, s.home), ...agent(), '-cp', s.classpath, 'org.apache.kafka.connect.cli.ConnectDistributed', propsFile],
    logFile: path.join(s.home, 'logs', `connect-${s.poolId}.log`),
    pidFile: path.join(s.home, 'run', `connect-${s.poolId}.pid`),
    probe: () => isHealthy(poolRestUrl(s.port)),
    prepare: async () => {
      if (s.metrics) metricsPort = await s.metrics.choosePort();
      // The config provider refuses to start on an allowed path that does not exist.
      fs.mkdirSync(s.secretsDir, { recursive: true, mode: 0o700 });
      writeProperties(propsFile, {
        'bootstrap.servers': s.bootstrapServers,
        'group.id': `cirrus-${s.poolId}`,
        'config.storage.topic': topic('configs'),
        'offset.storage.topic': topic('offsets'),
        'status.storage.topic': topic('status'),
        // One broker: every replication factor must be 1.
        'config.storage.replication.factor': 1,
        'offset.storage.replication.factor': 1,
        'status.storage.replication.factor': 1,
        'offset.storage.partitions': 5,
        'status.storage.partitions': 1,
        'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'key.converter.schemas.enable': false,
        'value.converter.schemas.enable': false,
        listeners: poolRestUrl(s.port),
        'rest.advertised.host.name': '127.0.0.1',
        'rest.advertised.port': s.port,
        'plugin.path': s.pluginPath,
        'plugin.discovery': s.discovery,
        'offset.flush.interval.ms': 1000,
        // A task's counters outlive its restarts (jvm/metrics-reporter, issue 12); JmxReporter
        // must stay listed, as naming reporters replaces the default.
        'metric.reporters': METRIC_REPORTERS,
        'producer.metric.reporters': METRIC_REPORTERS,
        'consumer.metric.reporters': METRIC_REPORTERS,
        // A single worker that restarts must get its connectors back at once, not after the
        // default 5-minute wait for a departed member.
        'scheduled.rebalance.max.delay.ms': 0,
        'task.shutdown.graceful.timeout.ms': 5000,
        // Secrets arrive as ${cirrus:<folder>:<file>} placeholders, resolved when a task starts;
        // allowed.paths keeps a placeholder from naming any file outside the secrets folder.
        'config.providers': SECRETS_PROVIDER,
        [`config.providers.${SECRETS_PROVIDER}.class`]: 'org.apache.kafka.common.config.provider.DirectoryConfigProvider',
        [`config.providers.${SECRETS_PROVIDER}.param.allowed.paths`]: s.secretsDir,
      });
    },
  };
}

async function isHealthy(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}
