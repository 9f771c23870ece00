// JSON schemas shared by the connect/v1 routes (C1). Config maps are open maps of strings (C5).
export const configMap = { type: 'object', additionalProperties: { type: 'string' } } as const;

/**
 * A config map as clients send it. Values are checked by core/connector-config.ts rather than
 * here (C5 says `{type: 'string'}`): curl users send `"tasks.max": 1`, which is kept as "1", and
 * a null, object or array value gets a message naming its key.
 */
export const configInput = { type: 'object', additionalProperties: true } as const;

export const clusterParams = {
  type: 'object',
  required: ['environment_id', 'kafka_cluster_id'],
  properties: { environment_id: { type: 'string' }, kafka_cluster_id: { type: 'string' } },
} as const;

export const connectorParams = {
  type: 'object',
  required: ['environment_id', 'kafka_cluster_id', 'connector_name'],
  properties: { ...clusterParams.properties, connector_name: { type: 'string' } },
} as const;

export const errorBody = {
  type: 'object',
  properties: {
    error: { type: 'object', properties: { code: { type: 'integer' }, message: { type: 'string' } } },
    code: { type: 'integer' },
    error_code: { type: 'integer' },
    message: { type: 'string' },
  },
} as const;

const taskRef = { type: 'object', properties: { connector: { type: 'string' }, task: { type: 'integer' } } } as const;

export const connectorBody = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    type: { type: 'string' },
    config: configMap,
    tasks: { type: 'array', items: taskRef },
  },
} as const;

/** Our status extensions (issue 11): the failure's class and the automatic restarts. */
const autoRestartBody = {
  type: 'object',
  properties: { attempts: { type: 'integer' }, next_attempt_at: { type: ['string', 'null'] }, last_attempt_at: { type: ['string', 'null'] } },
} as const;

export const statusBody = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    type: { type: 'string' },
    connector: {
      type: 'object',
      properties: { state: { type: 'string' }, worker_id: { type: 'string' }, trace: { type: 'string' }, error_code: { type: 'string' }, auto_restart: autoRestartBody },
    },
    tasks: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'integer' }, state: { type: 'string' }, worker_id: { type: 'string' }, msg: { type: 'string' }, error_code: { type: 'string' } },
      },
    },
  },
} as const;

/** Error responses every connector route may give. */
export const errorResponses = { 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody, 500: errorBody } as const;
