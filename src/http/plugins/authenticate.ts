// Authentication for one API family context: every request (including unknown routes in the
// family, so 404s do not leak without credentials) must carry a valid cloud API key.
import type { FastifyInstance } from 'fastify';
import type { Authenticator, Caller } from '../../services/authenticator.ts';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

export function authenticateRequests(context: FastifyInstance, authenticator: Authenticator): void {
  if (authenticator.disabled) return;
  context.addHook('onRequest', async (request) => {
    request.caller = await authenticator.authenticate(request.headers.authorization);
  });
}
