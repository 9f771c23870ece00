// A second Kafka Connect pool on an existing broker, run by our supervisor's own pieces: what an
// operator's externally managed Connect cluster looks like to Cirrus.
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Config } from '../../src/config.ts';
import { poolRestUrl, poolSpec } from '../../src/supervisor/connect-pool.ts';
import { writeLog4j2Config } from '../../src/supervisor/jvm-files.ts';
import { runtimePaths } from '../../src/supervisor/jvm-runtime.ts';
import { SupervisedProcess } from '../../src/supervisor/supervised-process.ts';
import { freePort } from './ports.ts';
import { tempHome } from './stack.ts';

export async function startExtraPool(config: Pick<Config, 'java' | 'jvmDir' | 'supervisor'>, bootstrapServers: string, poolId: string) {
  const home = await tempHome(`pool-${poolId}`);
  for (const dir of ['logs', 'run', 'connect', 'config']) fs.mkdirSync(path.join(home, dir), { recursive: true });
  const log4jConfig = path.join(home, 'config', 'log4j2.properties');
  writeLog4j2Config(log4jConfig);
  const runtime = runtimePaths(config.jvmDir);
  const port = await freePort();
  const process = new SupervisedProcess(poolSpec({
    poolId, home, java: config.java, classpath: runtime.classpath, pluginPath: runtime.pluginPath, discovery: 'service_load', log4jConfig,
    bootstrapServers, port, heap: '384m', secretsDir: path.join(home, 'secrets'),
  }), config.supervisor, pino({ level: 'warn' }));
  await process.start();
  await process.waitReady(config.supervisor.readyTimeoutMs);
  return {
    url: poolRestUrl(port), home, stop: () => process.stop(),
    /** Starts it again after stop(), on the same port. */
    restart: async () => {
      await process.start();
      await process.waitReady(config.supervisor.readyTimeoutMs);
    },
  };
}
