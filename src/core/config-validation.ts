// Validation of a managed connector config against its plugin's definitions, in the shape of
// Confluent's validate answer. Checks that need the store (Kafka credentials) arrive as
// `extraErrors` from the caller.
import { transformErrors } from './catalog/transforms.ts';
import { isSensitive, type ConfigKeyDefinition, type ManagedPlugin, type ValidationContext } from './catalog/types.ts';
import type { ConnectorConfig } from './connector-config.ts';

export interface ValidatedKey {
  definition: ConfigKeyDefinition;
  order: number;
  value: string;
  errors: string[];
  required: boolean;
  visible: boolean;
}

export interface ValidationReport {
  plugin: ManagedPlugin;
  keys: ValidatedKey[];
  errorCount: number;
}

export const DEFAULT_VALIDATION_CONTEXT: ValidationContext = { allowLoopbackEgress: false };

export function validateConfig(
  plugin: ManagedPlugin, config: ConnectorConfig, extraErrors: Record<string, string[]> = {}, context = DEFAULT_VALIDATION_CONTEXT,
): ValidationReport {
  const orderInGroup = new Map<string, number>();
  const crossErrors = mergeErrors(extraErrors, transformErrors(config));
  const keys = plugin.definitions.map((definition) => {
    const order = (orderInGroup.get(definition.group) ?? 0) + 1;
    orderInGroup.set(definition.group, order);
    const raw = config[definition.name];
    const required = definition.required || definition.requiredWhen?.(config) === true;
    const errors = [...keyErrors({ ...definition, required }, raw, config, context), ...(crossErrors[definition.name] ?? [])];
    const value = raw ?? definition.defaultValue;
    return { definition, order, value, errors, required, visible: definition.visibleWhen?.(config) ?? true };
  });
  return { plugin, keys, errorCount: keys.reduce((n, k) => n + k.errors.length, 0) };
}

function mergeErrors(a: Record<string, string[]>, b: Record<string, string[]>): Record<string, string[]> {
  const out = { ...a };
  for (const [key, list] of Object.entries(b)) out[key] = [...out[key] ?? [], ...list];
  return out;
}

function keyErrors(d: ConfigKeyDefinition, raw: string | undefined, config: ConnectorConfig, context: ValidationContext): string[] {
  if (raw === undefined || (raw.trim() === '' && d.required)) {
    return d.required && d.defaultValue === '' ? [`"${d.name}" is required`] : [];
  }
  if (d.type === 'INT' || d.type === 'LONG' || d.type === 'SHORT') {
    if (!/^-?\d+$/.test(raw.trim())) return [`Invalid value ${raw} for configuration ${d.name}: Not a number`];
    const n = Number(raw);
    if (d.min !== undefined && n < d.min) return [`Invalid value ${raw} for configuration ${d.name}: Value must be at least ${d.min}`];
    if (d.max !== undefined && n > d.max) return [`Invalid value ${raw} for configuration ${d.name}: Value must be no more than ${d.max}`];
  }
  if (d.type === 'DOUBLE' && !Number.isFinite(Number(raw))) return [`Invalid value ${raw} for configuration ${d.name}: Not a number`];
  if (d.type === 'BOOLEAN' && !/^(true|false)$/i.test(raw)) return [`Invalid value ${raw} for configuration ${d.name}: Expected true or false`];
  if (d.choicesOnly && d.choices && !d.choices.some((c) => c.toLowerCase() === raw.trim().toLowerCase())) {
    return [`Invalid value ${raw} for configuration ${d.name}: must be one of ${d.choices.join(', ')}`];
  }
  const extra = d.check?.(raw, config, context);
  return extra ? [extra] : [];
}

/** One line naming every failing key, for the 400 of create and PUT config. */
export function summarizeErrors(report: ValidationReport): string {
  const parts = report.keys.filter((k) => k.errors.length > 0).map((k) => `${k.definition.name}: ${k.errors.join('; ')}`);
  return `Connector configuration is invalid: ${parts.join(' | ')}`;
}

/** The value validate echoes back: sensitive values are never echoed. */
export function displayedValue(key: ValidatedKey, mask: string): string {
  return isSensitive(key.definition) && key.value !== '' ? mask : key.value;
}
