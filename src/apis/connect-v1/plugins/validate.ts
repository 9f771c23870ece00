// PUT …/connector-plugins/{plugin}/config/validate → always 200 with Confluent's validate shape;
// errors live in the body (Terraform aborts when error_count > 0).
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { PREFIX, scopeOf, type ClusterPath, type ConnectV1Deps } from '../context.ts';
import { clusterParams, errorResponses } from '../schemas.ts';
import { toWireValidation } from '../wire.ts';

const params = { ...clusterParams, required: [...clusterParams.required, 'plugin_name'], properties: { ...clusterParams.properties, plugin_name: { type: 'string' } } } as const;
const strings = { type: 'array', items: { type: 'string' } } as const;
const validationBody = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    groups: strings,
    error_count: { type: 'integer' },
    configs: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          definition: {
            type: 'object',
            properties: {
              name: { type: 'string' }, type: { type: 'string' }, required: { type: 'boolean' }, default_value: { type: 'string' },
              importance: { type: 'string' }, documentation: { type: 'string' }, group: { type: 'string' }, width: { type: 'string' },
              display_name: { type: 'string' }, dependents: strings, order: { type: 'integer' }, alias: { type: 'string' },
            },
          },
          value: {
            type: 'object',
            properties: { name: { type: 'string' }, value: { type: 'string' }, recommended_values: strings, errors: strings, visible: { type: 'boolean' } },
          },
          metadata: { type: 'object', additionalProperties: true },
        },
      },
    },
  },
} as const;

export default async function validatePlugin(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.put<{ Params: ClusterPath & { plugin_name: string }; Body: unknown }>(`${PREFIX}/connector-plugins/:plugin_name/config/validate`, {
    config: { operation: OPERATIONS.pluginValidate },
    schema: { params, response: { 200: validationBody, ...errorResponses } },
    // The body is optional in the spec: no config at all is validated as an empty one (every
    // required key reported), still a 200.
  }, async (request) => toWireValidation(await deps.connectors.validate(scopeOf(request.params), request.params.plugin_name, request.body ?? {})));
}
