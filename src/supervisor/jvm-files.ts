// Files the JVMs read: Java properties and the log4j2 configuration.
import fs from 'node:fs';
import { homeMarker } from './supervised-process.ts';

export function writeProperties(file: string, props: Record<string, string | number | boolean>): void {
  const body = Object.entries(props).map(([k, v]) => `${k}=${String(v).replace(/\\/g, '\\\\')}`).join('\n');
  fs.writeFileSync(file, `# Written by Cirrus at every start; edits are overwritten.\n${body}\n`);
}

/**
 * Console output only: the supervisor sends each JVM's stdout to its own log file. Connect's MDC
 * context (`[lcc-…|task-0] `) leads each connector's lines, so its logs are found by its id.
 */
export function writeLog4j2Config(file: string): void {
  fs.writeFileSync(file, [
    'status = warn',
    'appender.console.type = Console',
    'appender.console.name = STDOUT',
    'appender.console.layout.type = PatternLayout',
    'appender.console.layout.pattern = [%d] %p %X{connector.context}%m (%c)%n',
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.stdout.ref = STDOUT',
    // Client config dumps are long and repeated for every producer/consumer/admin.
    'logger.clientconfig.name = org.apache.kafka.common.config.AbstractConfig',
    'logger.clientconfig.level = WARN',
    '',
  ].join('\n'));
}

/**
 * For short-lived tools whose stdout is their answer (ConnectPluginPath's table): warnings and
 * errors only, and to stderr, so no log line can land inside what is parsed.
 */
export function writeToolLog4j2Config(file: string): void {
  fs.writeFileSync(file, [
    'status = warn',
    'appender.console.type = Console',
    'appender.console.name = STDERR',
    'appender.console.target = SYSTEM_ERR',
    'appender.console.layout.type = PatternLayout',
    'appender.console.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = WARN',
    'rootLogger.appenderRef.stderr.ref = STDERR',
    '',
  ].join('\n'));
}

/** JVM options sized for a 2-core machine; `marker` lets a later start find leftovers. */
export function jvmOptions(heap: string, log4jConfig: string, marker: string): string[] {
  return [
    '-Xms64m', `-Xmx${heap}`, '-XX:+UseSerialGC', '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true', `-Dlog4j2.configurationFile=${log4jConfig}`, homeMarker(marker),
  ];
}
