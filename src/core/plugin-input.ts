// What a client may send for a custom plugin (connect/v1) or a plugin version (ccpm/v1), checked
// as the specs say: lengths, the Java class and property name patterns, SOURCE/SINK and the
// clouds in any case (CONTRACT Q17; a ccpm version's types excepted, see exactConnectorType),
// `sensitive_properties` as the page's alias (Q18).
import { InvalidRequest } from './errors.ts';
import { JAVA_CLASS, PLUGIN_CLOUDS, PROPERTY_NAME, type ConnectorClassRef, type ConnectorClassType, type PluginCloud } from './plugin.ts';
import { fieldName, optionalText, requiredText } from './validation.ts';

const DOC_LINK = /^$|^(http:\/\/|https:\/\/).+/;
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** ccpm versions: SemVer, with the optional leading `v` of Terraform's docs (Q30). */
const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

function refuse(pointer: string, problem: string): never {
  throw new InvalidRequest(`${fieldName(pointer)} ${problem}`, pointer);
}

export function displayName(value: unknown, pointer: string): string {
  return requiredText(value, pointer, 60);
}

export function description(value: unknown, pointer: string): string {
  return optionalText(value, pointer, 256);
}

export function documentationLink(value: unknown, pointer: string): string {
  const link = optionalText(value, pointer, 512);
  if (!DOC_LINK.test(link)) refuse(pointer, 'must be empty or an http:// or https:// URL');
  return link;
}

export function connectorClass(value: unknown, pointer: string): string {
  const name = requiredText(value, pointer, 150);
  if (!JAVA_CLASS.test(name)) refuse(pointer, 'must be a Java class name or alias');
  return name;
}

export function connectorType(value: unknown, pointer: string): ConnectorClassType {
  const type = typeof value === 'string' ? value.toUpperCase() : '';
  if (type !== 'SOURCE' && type !== 'SINK') refuse(pointer, 'must be SOURCE or SINK');
  return type;
}

export function cloud(value: unknown, pointer: string, fallback?: PluginCloud): PluginCloud {
  if (value === undefined && fallback) return fallback;
  const name = typeof value === 'string' ? value.toUpperCase() : '';
  if (!(PLUGIN_CLOUDS as readonly string[]).includes(name)) refuse(pointer, `must be one of ${PLUGIN_CLOUDS.join(', ')}`);
  return name as PluginCloud;
}

export function sensitiveProperties(value: unknown, pointer: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) refuse(pointer, 'must be an array of config keys');
  return value.map((item: unknown, i) => {
    if (typeof item !== 'string' || item.length > 150 || !PROPERTY_NAME.test(item)) refuse(`${pointer}/${i}`, 'must be a config key (letters, digits, _ + . -; at most 150)');
    return item;
  });
}

/** `upload_source`: `{location: PRESIGNED_URL_LOCATION, upload_id: <uuid>}`, the id returned. */
export function uploadId(value: unknown, pointer: string): string {
  const source = value as { location?: unknown; upload_id?: unknown } | undefined;
  if (!source || typeof source !== 'object') refuse(pointer, 'is required: {"location":"PRESIGNED_URL_LOCATION","upload_id":"<id>"}');
  if (source.location !== 'PRESIGNED_URL_LOCATION') refuse(`${pointer}/location`, 'must be PRESIGNED_URL_LOCATION');
  if (typeof source.upload_id !== 'string' || !UPLOAD_ID.test(source.upload_id)) refuse(`${pointer}/upload_id`, 'must be the upload_id a presigned URL request returned');
  return source.upload_id;
}

export function runtimeLanguage(value: unknown, pointer: string): 'JAVA' {
  if (value === undefined || (typeof value === 'string' && value.toUpperCase() === 'JAVA')) return 'JAVA';
  refuse(pointer, 'must be JAVA (Cirrus runs Java connectors only)');
}

export function semanticVersion(value: unknown, pointer: string): string {
  const version = requiredText(value, pointer, 60);
  if (!SEMVER.test(version)) refuse(pointer, 'must be a semantic version such as 1.2.3 or v1.2.3');
  return version;
}

/**
 * ccpm `connector_classes[].type`: exactly SOURCE or SINK, the spec's values. Terraform's
 * confluent_custom_connector_plugin_version leaves the case to the user and compares what it
 * reads with what it sent, so a `source` stored as SOURCE would replace the version on every
 * plan; a 400 naming the field is the better answer (connect/v1 keeps any case, Q17: its
 * Terraform resource only lets capitals through).
 */
function exactConnectorType(value: unknown, pointer: string): ConnectorClassType {
  if (value !== 'SOURCE' && value !== 'SINK') refuse(pointer, 'must be SOURCE or SINK (in capitals)');
  return value;
}

/** ccpm `connector_classes`: 1 to 10 of `{class_name, type}`, no class twice. */
export function connectorClasses(value: unknown, pointer: string): ConnectorClassRef[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > 10) refuse(pointer, 'must hold 1 to 10 {class_name, type}');
  const seen = new Set<string>();
  return value.map((item: { class_name?: unknown; type?: unknown } | undefined, i) => {
    const className = connectorClass(item?.class_name, `${pointer}/${i}/class_name`);
    if (seen.has(className)) refuse(`${pointer}/${i}/class_name`, 'names a class already listed');
    seen.add(className);
    return { className, type: exactConnectorType(item?.type, `${pointer}/${i}/type`) };
  });
}

/**
 * PATCH of an immutable field (connector_class, connector_type, cloud): the same value is
 * harmless (clients send the whole object back), another one is a 400 (CONTRACT §2.1).
 */
export function unchanged<T>(sent: unknown, current: T, parse: (v: unknown) => T, pointer: string): void {
  if (sent === undefined) return;
  if (parse(sent) !== current) refuse(pointer, 'cannot change once the plugin exists');
}
