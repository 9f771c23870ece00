// The tail of a pool's log file: what the logs route shows, and what the reconciler reads when a
// failure's trace alone does not say whose fault it is.
import fs from 'node:fs/promises';
import { MASK } from '../core/connector-config.ts';
import { connectorLogEntries } from '../core/operate/connector-logs.ts';

/** The last `bytes` of a file (from a line start), or '' when it does not exist. */
export async function readTail(file: string, bytes: number): Promise<string> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - bytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1);
  } finally {
    await handle.close();
  }
}

/**
 * The connector's WARN and ERROR lines since `since`: evidence for classifying a failure whose
 * trace only says that something failed. Debezium's JDBC sink fails with "Unable to determine
 * Dialect without JDBC metadata" whether the database is down or refused the password; only its
 * WARN line names the refusal.
 */
export async function recentWarnings(file: string | undefined, connectorId: string, since: Date): Promise<string[]> {
  if (!file) return [];
  const text = await readTail(file, 1024 * 1024);
  return connectorLogEntries(text, connectorId, { level: 'WARN', search: undefined, since, limit: 50 }, [], MASK).map((e) => e.message);
}
