// The connect/v1 family (C2): authentication, its error and 404 renderer, then its resources.
import type { FastifyInstance } from 'fastify';
import { renderConnectV1Error } from '../../http/errors/connect-v1.ts';
import { useErrorFamily } from '../../http/errors/render.ts';
import { authenticateRequests } from '../../http/plugins/authenticate.ts';
import type { AppDeps } from '../../http/app.ts';

export function connectV1(deps: AppDeps) {
  return async function connectV1Family(context: FastifyInstance): Promise<void> {
    useErrorFamily(context, renderConnectV1Error);
    authenticateRequests(context, deps.authenticator);
  };
}
