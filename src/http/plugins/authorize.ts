// The one authorization layer (issue #4): before any handler, the route's policy (apis/policy.ts)
// names the action and the resource; the caller's role bindings decide. A resource outside the
// caller's reach answers like a missing one; one within reach but not allowed is 403.
// It runs before schema validation, so a caller who may not use a route learns nothing from how
// its input would have been judged; policies therefore read params, query and body unvalidated.
import type { FastifyInstance } from 'fastify';
import { Forbidden, NotFound } from '../../core/errors.ts';
import { policyOf } from '../../apis/policy.ts';
import type { Authorizer } from '../../services/authorizer.ts';

export function authorizeRequests(context: FastifyInstance, authorizer: Authorizer, notFoundMessage: string): void {
  context.addHook('preValidation', async (request) => {
    const policy = policyOf(request.routeOptions.config.operation);
    // Unknown routes have no policy: they fall through to the family's 404.
    if (!policy || policy.action === 'public' || policy.action === 'authenticated' || !request.caller) return;
    const action = typeof policy.action === 'function' ? policy.action(request) : policy.action;
    const decision = await authorizer.decide(request.caller, action, policy.scope(request));
    if (decision === 'invisible') throw new NotFound(notFoundMessage);
    if (decision === 'forbidden') throw new Forbidden(`The caller may not ${action.replace('_', ' ')} this resource`);
  });
}
