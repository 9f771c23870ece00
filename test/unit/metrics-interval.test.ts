// Issue 12: the Metrics API's interval forms, resolved by hand against a fixed now (pure core).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInterval } from '../../src/core/metrics/interval.ts';

const NOW = Date.parse('2020-01-01T02:13:27Z'); // the spec's own example of now
const at = (iso: string) => Date.parse(iso);

describe('metrics intervals', () => {
  const cases: [string, string, string][] = [
    ['now-2m|m/now', '2020-01-01T02:11:00Z', '2020-01-01T02:13:27Z'],
    ['now|h/now', '2020-01-01T02:00:00Z', '2020-01-01T02:13:27Z'],
    ['now-1d|d/now|h', '2019-12-31T00:00:00Z', '2020-01-01T02:00:00Z'],
    ['now-2h|h/now', '2020-01-01T00:00:00Z', '2020-01-01T02:13:27Z'],
    ['PT1H/now', '2020-01-01T01:13:27Z', '2020-01-01T02:13:27Z'],
    ['now+1h/PT30M', '2020-01-01T03:13:27Z', '2020-01-01T03:43:27Z'],
    ['2019-10-17T20:17:00.000Z/PT2H', '2019-10-17T20:17:00Z', '2019-10-17T22:17:00Z'],
    ['2021-03-02T00:00:00/2021-03-02T23:00:00', '2021-03-02T00:00:00Z', '2021-03-02T23:00:00Z'],
    ['2021-03-02T01:00:00+01:00/2021-03-02T01:00:00-01:30', '2021-03-02T00:00:00Z', '2021-03-02T02:30:00Z'],
    ['P1W/2021-03-08', '2021-03-01T00:00:00Z', '2021-03-08T00:00:00Z'],
    ['2021-03-02T00:00:00Z/P1DT2H3M4S', '2021-03-02T00:00:00Z', '2021-03-03T02:03:04Z'],
  ];
  for (const [text, start, end] of cases) {
    it(text, () => assert.deepEqual(parseInterval(text, NOW), { startMs: at(start), endMs: at(end) }));
  }

  for (const text of ['now', 'now/now', 'PT1H/PT2H', '2021-02-30T00:00:00Z/PT1H', '2021-03-02T24:00:00Z/PT1H', 'P/now', 'PT/now', 'now-1y/now', 'now|w/now', '2021-03-02T01:00:00Z/2021-03-02T00:00:00Z', 'P99999999999999D/now']) {
    it(`refuses ${text}`, () => assert.throws(() => parseInterval(text, NOW), /interval/i));
  }
});
