// Which failures a user must fix and which the platform retries (Confluent's two error classes).
// Read from the engine's trace: the first rule whose pattern occurs anywhere in it decides, user
// rules before system ones, because engine errors wrap the cause (a ConnectException around
// "password authentication failed"). Anything unrecognised is the platform's: retried, never
// blamed on the user.

export type FailureClass = 'USER_ACTIONABLE_ERROR' | 'SYSTEM_ERROR';

interface Rule {
  pattern: RegExp;
  failureClass: FailureClass;
  /** What the rule recognises (shown in tests, kept for reviewers). */
  reason: string;
}

const USER = 'USER_ACTIONABLE_ERROR';
const SYSTEM = 'SYSTEM_ERROR';

export const FAILURE_RULES: readonly Rule[] = [
  { failureClass: USER, reason: 'bad database credentials', pattern: /password authentication failed|authentication failed for user|Access denied for user|Login failed for user|invalid username\/password/i },
  { failureClass: USER, reason: 'bad Kafka credentials', pattern: /SaslAuthenticationException|Authentication failed.*(?:credentials|SASL|PLAIN)/i },
  { failureClass: USER, reason: 'authorization refused', pattern: /AuthorizationException|permission denied|not authorized|insufficient privilege|must be superuser|must be (?:the )?owner/i },
  { failureClass: USER, reason: 'refused by an HTTP endpoint for credentials', pattern: /\bHTTP\/?[\d.]*\s+(?:401|403|407)\b|\b(?:status|code|answered|returned|response)\D{0,12}\b(?:401|403|407)\b|\b40[137] (?:Unauthorized|Forbidden|Proxy Authentication)/i },
  { failureClass: USER, reason: 'missing table or database', pattern: /relation "[^"]*" does not exist|database "[^"]*" does not exist|Table '[^']*' doesn't exist|Unknown database|no such table|table .{0,80} (?:does not exist|not found)/i },
  { failureClass: USER, reason: 'missing replication slot or publication', pattern: /replication slot "[^"]*" does not exist|publication "[^"]*" does not exist/i },
  { failureClass: USER, reason: 'bad configuration', pattern: /ConfigException|Invalid value .{0,200} for configuration|Missing required configuration|Connector configuration is invalid/i },
  { failureClass: USER, reason: 'records the connector cannot process', pattern: /SerializationException|DataException|Unknown magic byte|JsonParseException|Converting byte\[\] to Kafka Connect data failed/i },
  { failureClass: SYSTEM, reason: 'target unreachable', pattern: /java\.net\.ConnectException|Connection refused|Connection reset|No route to host|UnknownHostException|ConnectException: (?:Connection|connect timed out)|Connection to .* refused|I\/O error/i },
  { failureClass: SYSTEM, reason: 'timeout', pattern: /TimeoutException|timed out|timeout/i },
  { failureClass: SYSTEM, reason: 'worker lost or rebalancing', pattern: /worker .{0,40}(?:lost|left)|rebalance|not the leader|RetriableException/i },
];

/** The class of a failure from its trace; an empty or unknown trace is the platform's. */
export function classifyFailure(trace: string): FailureClass {
  return FAILURE_RULES.find((rule) => rule.pattern.test(trace))?.failureClass ?? SYSTEM;
}

/** The class of several failures (a connector and its tasks): any user error makes it the user's. */
export function classifyFailures(traces: readonly string[]): FailureClass | null {
  if (traces.length === 0) return null;
  return traces.some((t) => classifyFailure(t) === USER) ? USER : SYSTEM;
}
