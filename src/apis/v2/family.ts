// A v2-style API family (iam/v2, org/v2, cmk/v2, …; C2): authentication, the one authorization
// layer, the v2 error envelope and 404, then the family's routes.
import type { FastifyInstance } from 'fastify';
import { renderV2Error } from '../../http/errors/v2.ts';
import { useErrorFamily } from '../../http/errors/render.ts';
import { authenticateRequests } from '../../http/plugins/authenticate.ts';
import { authorizeRequests } from '../../http/plugins/authorize.ts';
import type { Authenticator } from '../../services/authenticator.ts';
import type { Authorizer } from '../../services/authorizer.ts';

export interface FamilyGuards {
  authenticator: Authenticator;
  authorizer: Authorizer;
}

export function v2Family<D>(guards: FamilyGuards, deps: D, routes: ((context: FastifyInstance, deps: D) => Promise<void>)[]) {
  return async function family(context: FastifyInstance): Promise<void> {
    useErrorFamily(context, renderV2Error);
    authenticateRequests(context, guards.authenticator);
    authorizeRequests(context, guards.authorizer, 'Not found');
    for (const route of routes) await route(context, deps);
  };
}
