// ISO 8601 intervals as the Metrics API reads them (CONTRACT §3.1): `<start>/<end>`,
// `<start>/<duration>`, `<duration>/<end>`, where a timestamp may be `now` with an offset
// (`now-2h`) and a truncation (`|m`, `|h`, `|d`, UTC). A zone-less timestamp is UTC.
import { InvalidRequest } from '../errors.ts';

/** A half-open span of time in epoch milliseconds: [startMs, endMs). */
export interface TimeRange {
  startMs: number;
  endMs: number;
}

const MINUTE = 60_000;
const UNIT_MS = { m: MINUTE, h: 60 * MINUTE, d: 24 * 60 * MINUTE } as const;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const NOW = /^now(?:([+-])(\d{1,9})([mhd]))?(?:\|([mhd]))?$/;
const DURATION = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

function bad(interval: string, why: string): InvalidRequest {
  return new InvalidRequest(`Invalid interval "${interval}": ${why}`, '/intervals');
}

function parseNow(text: string, nowMs: number): number | undefined {
  const m = NOW.exec(text);
  if (!m) return undefined;
  const [, sign, amount, unit, truncation] = m;
  let t = nowMs;
  if (sign && amount && unit) t += (sign === '-' ? -1 : 1) * Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  if (truncation) {
    const unitMs = UNIT_MS[truncation as keyof typeof UNIT_MS];
    t -= ((t % unitMs) + unitMs) % unitMs;
  }
  return t;
}

function offsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
  return (zone[0] === '-' ? -1 : 1) * minutes * MINUTE;
}

/** An ISO 8601 timestamp (a date alone is its midnight, UTC), or undefined. */
export function parseTimestamp(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction, zone] = m;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const local = Date.UTC(...parts);
  const check = new Date(local);
  // Date.UTC rolls 2021-02-30 over into March: refuse what does not read back the same.
  if (check.getUTCMonth() !== parts[1] || check.getUTCDate() !== parts[2] || parts[3] > 23 || parts[4] > 59 || parts[5] > 59) return undefined;
  return local + Math.floor(Number(fraction ?? 0) * 1000) - offsetMs(zone);
}

/** An ISO 8601 duration in milliseconds (weeks, days, hours, minutes, seconds), or undefined. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const [, w = '0', d = '0', h = '0', mi = '0', s = '0'] = m;
  return ((Number(w) * 7 + Number(d)) * 24 * 60 + Number(h) * 60 + Number(mi)) * MINUTE + Math.round(Number(s) * 1000);
}

function instant(text: string, nowMs: number): number | undefined {
  return parseNow(text, nowMs) ?? parseTimestamp(text);
}

export function parseInterval(interval: unknown, nowMs: number): TimeRange {
  if (typeof interval !== 'string') throw new InvalidRequest('Each interval must be a string', '/intervals');
  const parts = interval.split('/');
  if (parts.length !== 2) throw bad(interval, 'expected <start>/<end>, <start>/<duration> or <duration>/<end>');
  const [left, right] = parts as [string, string];
  const start = instant(left, nowMs);
  const end = instant(right, nowMs);
  let range: TimeRange;
  if (start !== undefined && end !== undefined) range = { startMs: start, endMs: end };
  else if (start !== undefined && parseDuration(right) !== undefined) range = { startMs: start, endMs: start + parseDuration(right)! };
  else if (end !== undefined && parseDuration(left) !== undefined) range = { startMs: end - parseDuration(left)!, endMs: end };
  else throw bad(interval, 'expected <start>/<end>, <start>/<duration> or <duration>/<end> with ISO 8601 timestamps (or now) and durations');
  // Beyond ±8.64e15 ms a Date cannot be written back as a timestamp.
  if (!(Math.abs(range.startMs) <= 8.64e15 && Math.abs(range.endMs) <= 8.64e15)) throw bad(interval, 'out of range');
  if (range.endMs <= range.startMs) throw bad(interval, 'the end must come after the start');
  return range;
}

/**
 * The minutes whose points fall inside a range: a point of minute m covers [m, m+1) and
 * belongs to the range when its start does. Returned half-open: [from, to).
 */
export function minutesOf(range: TimeRange): { from: number; to: number } {
  return { from: Math.ceil(range.startMs / MINUTE), to: Math.ceil(range.endMs / MINUTE) };
}
