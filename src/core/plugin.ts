// Custom connector plugins: what a user uploaded (connect/v1 custom-connector-plugins, or a
// ccpm/v1 plugin and its versions), reduced to what runs: a plugin version, an immutable archive
// holding one or more connector classes.

export type ConnectorClassType = 'SOURCE' | 'SINK';

export interface ConnectorClassRef {
  className: string;
  type: ConnectorClassType;
}

/** Which API made the plugin: the two model it differently (CONTRACT §2.1, §2.3, Q41). */
export type PluginApi = 'connect/v1' | 'ccpm/v1';

export const PLUGIN_CLOUDS = ['AWS', 'GCP', 'AZURE'] as const;
export type PluginCloud = (typeof PLUGIN_CLOUDS)[number];
export type ContentFormat = 'ZIP' | 'JAR';

export interface CustomPlugin {
  id: string;
  api: PluginApi;
  organizationId: string;
  /** ccpm/v1 plugins belong to an environment; connect/v1 ones to the organization. */
  environmentId: string | undefined;
  displayName: string;
  description: string;
  cloud: PluginCloud;
  runtimeLanguage: 'JAVA' | 'PYTHON';
  createdAt: string;
  updatedAt: string;
}

export type PluginVersionPhase = 'PROCESSING' | 'READY' | 'FAILED';

/** One uploaded archive of a plugin. A connect/v1 plugin has exactly one; ccpm ones many. */
export interface PluginVersion {
  id: string;
  pluginId: string;
  version: string;
  connectorClasses: ConnectorClassRef[];
  /** Config keys masked in every answer and encrypted at rest, besides the Kafka credentials. */
  sensitiveConfigProperties: string[];
  documentationLink: string;
  contentFormat: ContentFormat;
  /** The archive's sha256, naming its extracted folder; undefined until inspected. */
  archiveSha256: string | undefined;
  /** Every plugin in the archive has a ServiceLoader manifest: its pool skips the class scan. */
  serviceManifests: boolean;
  phase: PluginVersionPhase;
  errorMessage: string;
  /** The upload the archive came from. */
  uploadId: string;
  createdAt: string;
  updatedAt: string;
}

/** The Java class name pattern of the specs (a fully qualified class or an alias). */
export const JAVA_CLASS = /^(([a-zA-Z][a-zA-Z_$0-9]*(\.[a-zA-Z][a-zA-Z_$0-9]*)*)\.)?([a-zA-Z][a-zA-Z_$0-9]*)$/;
/** A sensitive property's name (the specs' pattern). */
export const PROPERTY_NAME = /^[\w+.-]+$/;
