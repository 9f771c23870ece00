// The embedded Kafka broker: one KRaft node acting as broker and controller. Storage is
// formatted before its first start, and again only if that never finished.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { newKafkaStorageClusterId } from '../core/ids.ts';
import { jvmOptions, writeProperties } from './jvm-files.ts';
import type { ProcessSpec } from './supervised-process.ts';

export interface BrokerSettings {
  home: string;
  java: string;
  classpath: string;
  log4jConfig: string;
  port: number;
  controllerPort: number;
  heap: string;
  /** The cluster a broker of its own serves; absent: the installation's own broker (`kafka/`). */
  clusterId?: string;
}

/** Where a broker keeps its data: the default one in `<home>/kafka`, others per cluster. */
export function brokerDir(home: string, clusterId: string | undefined): string {
  return clusterId ? path.join(home, 'clusters', clusterId, 'kafka') : path.join(home, 'kafka');
}

export function brokerBootstrap(settings: Pick<BrokerSettings, 'port'>): string {
  return `127.0.0.1:${settings.port}`;
}

export function brokerSpec(s: BrokerSettings): ProcessSpec {
  const name = s.clusterId ? `broker-${s.clusterId}` : 'broker';
  const dir = brokerDir(s.home, s.clusterId);
  const dataDir = path.join(dir, 'data');
  const propsFile = path.join(dir, 'server.properties');
  const java = (main: string, args: string[], heap = s.heap) => [...jvmOptions(heap, s.log4jConfig, s.home), '-cp', s.classpath, main, ...args];

  return {
    name,
    command: s.java,
    args: java('kafka.Kafka', [propsFile]),
    logFile: path.join(s.home, 'logs', `${name}.log`),
    pidFile: path.join(s.home, 'run', `${name}.pid`),
    probe: () => canConnect(s.port),
    prepare: async () => {
      fs.mkdirSync(dataDir, { recursive: true });
      writeProperties(propsFile, {
        'process.roles': 'broker,controller',
        'node.id': 1,
        'controller.quorum.voters': `1@127.0.0.1:${s.controllerPort}`,
        listeners: `PLAINTEXT://127.0.0.1:${s.port},CONTROLLER://127.0.0.1:${s.controllerPort}`,
        'advertised.listeners': `PLAINTEXT://127.0.0.1:${s.port}`,
        'controller.listener.names': 'CONTROLLER',
        'inter.broker.listener.name': 'PLAINTEXT',
        'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        'log.dirs': dataDir,
        'num.partitions': 1,
        // One broker: every replication factor must be 1.
        'default.replication.factor': 1,
        'offsets.topic.replication.factor': 1,
        'transaction.state.log.replication.factor': 1,
        'transaction.state.log.min.isr': 1,
        'share.coordinator.state.topic.replication.factor': 1,
        'share.coordinator.state.topic.min.isr': 1,
        'offsets.topic.num.partitions': 10,
        'group.initial.rebalance.delay.ms': 0,
        'auto.create.topics.enable': true,
      });
      const id = clusterId(dir);
      // The format tool is a JVM of its own (~0.7 s); once formatted, `--ignore-formatted` made
      // it a no-op, so a restart no longer runs it (issue 13).
      if (isFormatted(dataDir, id)) return;
      await formatStorage(s.java, java('kafka.tools.StorageTool', ['format', `--cluster-id=${id}`, '-c', propsFile, '--ignore-formatted'], '128m'),
        path.join(s.home, 'logs', `${name}.log`));
    },
  };
}

/** The storage cluster id is made once and kept, so a re-format can never pick another one. */
function clusterId(dir: string): string {
  const file = path.join(dir, 'cluster-id');
  if (!fs.existsSync(file)) fs.writeFileSync(file, newKafkaStorageClusterId(randomBytes));
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * The format tool writes meta.properties last, after the bootstrap metadata: with our cluster id
 * in it, the storage is whole.
 */
export function isFormatted(dataDir: string, id: string): boolean {
  try {
    return fs.readFileSync(path.join(dataDir, 'meta.properties'), 'utf8').split('\n').some((line) => line.trim() === `cluster.id=${id}`);
  } catch {
    return false;
  }
}

function formatStorage(java: string, args: string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    const child = spawn(java, args, { stdio: ['ignore', out, out] });
    fs.closeSync(out);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`formatting Kafka storage failed (exit ${code}); see ${logFile}`))));
  });
}

export function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(false));
  });
}
