// A connector's lines in its pool's log (issue 11): Connect's log4j pattern puts the connector's
// MDC context (`[lcc-…|task-0] `) before the message; lines of the herder that name the id count
// too. Stack-trace lines belong to the entry above them. Newest first, bounded, masked.
import { InvalidRequest } from '../errors.ts';

export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogQuery {
  /** The lowest level shown. */
  level: LogLevel;
  search: string | undefined;
  since: Date | undefined;
  limit: number;
}

export interface LogEntry {
  timestamp: string;
  level: LogLevel;
  /** `worker` (the connector instance), `task-N`, or null for a herder line naming the connector. */
  context: string | null;
  message: string;
  logger: string;
}

export const MAX_LOG_LIMIT = 1000;
const DEFAULT_LIMIT = 100;
const MAX_ENTRY_CHARS = 8192;
const LINE = /^\[(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d),(\d{3})\] (TRACE|DEBUG|INFO|WARN|ERROR|FATAL) (.*)$/;

/** The query string, checked (a 400 names the parameter). */
export function parseLogQuery(raw: Record<string, unknown>): LogQuery {
  const one = (name: string) => {
    const value = raw[name];
    if (value !== undefined && typeof value !== 'string') throw new InvalidRequest(`${name} must be given once`, undefined, name);
    return value === '' ? undefined : value;
  };
  const level = (one('level') ?? 'INFO').toUpperCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new InvalidRequest(`level must be one of ${LOG_LEVELS.join(', ')}`, undefined, 'level');
  const search = one('search');
  if (search !== undefined && search.length > 200) throw new InvalidRequest('search must be at most 200 characters', undefined, 'search');
  const sinceText = one('since');
  const since = sinceText === undefined ? undefined : new Date(sinceText);
  if (since && (!/^\d{4}-\d\d-\d\dT/.test(sinceText!) || Number.isNaN(since.getTime()))) throw new InvalidRequest('since must be an RFC 3339 time', undefined, 'since');
  const limitText = one('limit');
  const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LOG_LIMIT) throw new InvalidRequest(`limit must be an integer from 1 to ${MAX_LOG_LIMIT}`, undefined, 'limit');
  return { level: level as LogLevel, search, since, limit };
}

/**
 * The connector's entries in `text` (the tail of its pool's log), newest first. `localTime` turns
 * log4j's local timestamp into an instant; `secrets` are masked wherever they occur.
 */
export function connectorLogEntries(text: string, connectorId: string, query: LogQuery, secrets: readonly string[], mask: string): LogEntry[] {
  const out: LogEntry[] = [];
  const entries = splitEntries(text);
  const minLevel = LOG_LEVELS.indexOf(query.level);
  const search = query.search?.toLowerCase();
  for (let i = entries.length - 1; i >= 0 && out.length < query.limit; i--) {
    const entry = parseEntry(entries[i]!, connectorId);
    if (!entry || LOG_LEVELS.indexOf(entry.level) < minLevel) continue;
    if (query.since && new Date(entry.timestamp) < query.since) break;
    const message = maskSecrets(entry.message, secrets, mask);
    if (search && !message.toLowerCase().includes(search)) continue;
    out.push({ ...entry, message });
  }
  return out;
}

function splitEntries(text: string): string[] {
  const entries: string[] = [];
  for (const line of text.split('\n')) {
    if (LINE.test(line) || entries.length === 0) entries.push(line);
    else if (entries[entries.length - 1]!.length < MAX_ENTRY_CHARS) entries[entries.length - 1] += `\n${line}`;
  }
  return entries;
}

function parseEntry(raw: string, connectorId: string): LogEntry | undefined {
  const newline = raw.indexOf('\n');
  const match = LINE.exec(newline < 0 ? raw : raw.slice(0, newline));
  if (!match) return undefined;
  const [, date, time, millis, level, first] = match;
  const rest = `${first}${newline < 0 ? '' : raw.slice(newline)}`.slice(0, MAX_ENTRY_CHARS);
  const prefix = `[${connectorId}|`;
  let context: string | null = null;
  let body = rest;
  if (rest.startsWith(prefix)) {
    const end = rest.indexOf('] ');
    context = rest.slice(prefix.length, end);
    body = rest.slice(end + 2);
  } else if (!rest.includes(connectorId)) {
    return undefined;
  }
  const loggerMatch = /\s\(([\w.$]+)\)(?=\n|$)/.exec(body);
  const message = loggerMatch ? body.slice(0, loggerMatch.index) + body.slice(loggerMatch.index + loggerMatch[0].length) : body;
  // log4j writes local time; the control plane runs on the same host as the pool.
  const timestamp = new Date(`${date}T${time}.${millis}`).toISOString();
  return { timestamp, level: level as LogLevel, context, message, logger: loggerMatch?.[1] ?? '' };
}

/** Every occurrence of a secret value (4 characters or more: shorter ones mask noise) masked. */
export function maskSecrets(text: string, secrets: readonly string[], mask: string): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(mask);
  return out;
}
