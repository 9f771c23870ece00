// Who is asking, for every API family: the authenticated caller, and the actor its operation
// records name.
import type { FastifyRequest } from 'fastify';
import { Unauthenticated } from '../core/errors.ts';
import type { Caller } from '../services/authenticator.ts';

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Unauthenticated();
  return request.caller;
}

/** `principal/key` of the caller; `anonymous` only where authentication is off (one benchmark). */
export function actorOf(request: FastifyRequest): string {
  return request.caller ? `${request.caller.principalId}/${request.caller.apiKeyId}` : 'anonymous';
}
