// connect/v1 `GET …/connectors?expand=` (CONTRACT §1.3): the parameter may repeat, each value is
// a comma list, tokens are trimmed and unknown ones ignored. The one parser: the policy decides
// from it what the handler will show (issue 7.5: a policy reading the raw query let
// `expand=%09info` through as status-only while the handler, trimming, showed configs).

export type ExpandPart = 'id' | 'info' | 'status';

const PARTS: ReadonlySet<string> = new Set<ExpandPart>(['id', 'info', 'status']);

export function parseExpand(raw: unknown): Set<ExpandPart> {
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const tokens = values.filter((v): v is string => typeof v === 'string').flatMap((v) => v.split(',')).map((t) => t.trim());
  return new Set(tokens.filter((t): t is ExpandPart => PARTS.has(t)));
}
