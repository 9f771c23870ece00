// Single Message Transforms and predicates of managed connectors: Kafka's own set passes through
// to the engine (`transforms`, `transforms.<name>.*`, `predicates`, `predicates.<name>.*`);
// anything else would load code the catalog does not vouch for, so it is refused on the key.

const TRANSFORMS = 'org.apache.kafka.connect.transforms.';
const KEY_VALUE = ['Cast', 'ExtractField', 'Flatten', 'HeaderFrom', 'HoistField', 'InsertField', 'MaskField', 'ReplaceField', 'SetSchemaMetadata', 'TimestampConverter'];
const ALLOWED_TRANSFORMS = new Set([
  ...KEY_VALUE.flatMap((t) => [`${TRANSFORMS}${t}$Key`, `${TRANSFORMS}${t}$Value`]),
  ...['DropHeaders', 'Filter', 'InsertHeader', 'RegexRouter', 'TimestampRouter', 'ValueToKey'].map((t) => `${TRANSFORMS}${t}`),
]);
const ALLOWED_PREDICATES = new Set(['HasHeaderKey', 'RecordIsTombstone', 'TopicNameMatches'].map((p) => `${TRANSFORMS}predicates.${p}`));
/** Options of the routing transforms that name the topic a record goes to. */
const TOPIC_OPTIONS: Record<string, string> = { [`${TRANSFORMS}RegexRouter`]: 'replacement', [`${TRANSFORMS}TimestampRouter`]: 'topic.format' };

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** The aliases of a plugin's own transforms begin with it (see `transformEngineConfig`). */
export const RESERVED_PREFIX = 'cirrus';

function namesOf(list: string | undefined): string[] {
  return (list ?? '').split(',').map((n) => n.trim()).filter((n) => n !== '');
}

/** Errors by key (`transforms`, `predicates`, or one of their options) for a config's SMTs. */
export function transformErrors(config: Readonly<Record<string, string>>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (key: string, message: string) => (errors[key] ??= []).push(message);
  for (const [kind, allowed] of [['transforms', ALLOWED_TRANSFORMS], ['predicates', ALLOWED_PREDICATES]] as const) {
    const names = namesOf(config[kind]);
    for (const name of names) {
      if (!NAME.test(name)) { add(kind, `"${name}" is not a valid ${kind} alias (letters, digits, "_" and "-")`); continue; }
      if (name.startsWith(RESERVED_PREFIX)) { add(kind, `"${name}": aliases beginning with "${RESERVED_PREFIX}" are Cirrus's own`); continue; }
      const type = config[`${kind}.${name}.type`]?.trim();
      if (!type) add(kind, `"${kind}.${name}.type" is required for "${name}"`);
      else if (!allowed.has(type)) add(kind, `${type} (${name}) is not available: use one of Kafka's own ${kind}`);
      else if (TOPIC_OPTIONS[type]) {
        // A record routed to `_…` would land in Kafka's or the pool's internal topics.
        const target = config[`${kind}.${name}.${TOPIC_OPTIONS[type]}`] ?? '';
        if (target.trim().startsWith('_')) add(kind, `${name} must not route records to topics beginning with "_"`);
      }
      const predicate = config[`${kind}.${name}.predicate`];
      if (kind === 'transforms' && predicate && !namesOf(config.predicates).includes(predicate)) add(kind, `${name} names predicate "${predicate}", which "predicates" does not list`);
    }
    const stray = Object.keys(config).filter((k) => k.startsWith(`${kind}.`) && !names.includes(k.split('.')[1]!));
    if (stray.length > 0) add(kind, `${stray.join(', ')} belong to no alias listed in "${kind}"`);
  }
  return errors;
}

/**
 * The engine keys of the user's SMTs. `before`: the plugin's own transforms (e.g. a CDC
 * connector's unwrap), which run first so the user's see the records the Cloud connector emits.
 */
export function transformEngineConfig(config: Readonly<Record<string, string>>, before: Record<string, Record<string, string>> = {}): Record<string, string> {
  const engine: Record<string, string> = {};
  const ours = Object.keys(before);
  const theirs = namesOf(config.transforms);
  for (const [name, options] of Object.entries(before)) for (const [k, v] of Object.entries(options)) engine[`transforms.${name}.${k}`] = v;
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith('transforms.') || key.startsWith('predicates.')) engine[key] = value;
  }
  if (ours.length + theirs.length > 0) engine.transforms = [...ours, ...theirs].join(',');
  if (namesOf(config.predicates).length > 0) engine.predicates = namesOf(config.predicates).join(',');
  return engine;
}
