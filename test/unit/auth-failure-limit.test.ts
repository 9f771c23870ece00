// The per-address limit on failed authentications (issue 7.10), on a small app through inject,
// with a fake clock: it runs before authentication, renders in each family's shape and lifts
// when the window ends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { Unauthenticated } from '../../src/core/errors.ts';
import { renderConnectV1Error } from '../../src/http/errors/connect-v1.ts';
import { useErrorFamily } from '../../src/http/errors/render.ts';
import { renderV2Error } from '../../src/http/errors/v2.ts';
import { AuthFailureCounter, limitAuthFailures } from '../../src/http/plugins/auth-failure-limit.ts';

async function appWithLimit(max: number, clock: { now: number }) {
  const app = Fastify();
  let authAttempts = 0;
  limitAuthFailures(app, { max, windowSeconds: 60 }, () => clock.now);
  useErrorFamily(app, renderV2Error);
  app.get('/health', { config: { operation: 'cirrus.health' } }, async () => ({ status: 'ready' }));
  const family = (render: typeof renderV2Error) => async (context: FastifyInstance) => {
    useErrorFamily(context, render);
    context.addHook('onRequest', async (request) => {
      authAttempts += 1;
      if (request.headers.authorization !== 'good') throw new Unauthenticated();
    });
    context.get('/thing', async () => ({ ok: true }));
  };
  await app.register(family(renderConnectV1Error), { prefix: '/connect/v1' });
  await app.register(family(renderV2Error), { prefix: '/org/v2' });
  return { app, attempts: () => authAttempts };
}

const call = (app: FastifyInstance, url: string, remoteAddress: string, authorization = 'bad') =>
  app.inject({ method: 'GET', url, remoteAddress, headers: { authorization } });

describe('auth failure limit', () => {
  it('issue 7.10: after max 401s an address gets 429 without an authentication attempt, in each family\'s shape', async () => {
    const clock = { now: 1_000_000 };
    const { app, attempts } = await appWithLimit(3, clock);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(app, '/org/v2/thing', '10.0.0.1')).statusCode);
    assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    assert.equal(attempts(), 3, 'refused before authentication');

    const v2 = await call(app, '/org/v2/thing', '10.0.0.1', 'good');
    assert.equal(v2.statusCode, 429, 'a valid key from the same address waits too');
    assert.equal(v2.headers['retry-after'], '60');
    assert.deepEqual([v2.headers['x-ratelimit-limit'], v2.headers['x-ratelimit-remaining'], v2.headers['x-ratelimit-reset']], ['3', '0', '60']);
    assert.equal(v2.json().errors[0].status, '429');
    const connect = await call(app, '/connect/v1/thing', '10.0.0.1');
    assert.equal(connect.statusCode, 429);
    assert.equal(connect.body, '', 'connect/v1 answers 429 without a body');
    assert.equal((await call(app, '/connect/v1/nowhere', '10.0.0.1')).statusCode, 429, 'unknown routes too');

    assert.equal((await call(app, '/org/v2/thing', '10.0.0.2', 'good')).statusCode, 200, 'another address is unaffected');
    assert.equal((await call(app, '/health', '10.0.0.1')).statusCode, 200, '/health is never limited');

    clock.now += 45_000;
    assert.equal((await call(app, '/org/v2/thing', '10.0.0.1')).headers['retry-after'], '15');
    clock.now += 15_000;
    assert.equal((await call(app, '/org/v2/thing', '10.0.0.1', 'good')).statusCode, 200, 'lifted when the window ends');
    await app.close();
  });

  it('counts only 401s, and 0 turns it off', async () => {
    const clock = { now: 0 };
    const limited = await appWithLimit(2, clock);
    for (let i = 0; i < 5; i++) assert.equal((await call(limited.app, '/org/v2/thing', '10.0.0.3', 'good')).statusCode, 200);
    assert.equal((await call(limited.app, '/org/v2/nowhere', '10.0.0.3', 'good')).statusCode, 404);
    await limited.app.close();

    const off = await appWithLimit(0, clock);
    for (let i = 0; i < 10; i++) assert.equal((await call(off.app, '/org/v2/thing', '10.0.0.1')).statusCode, 401);
    await off.app.close();
  });

  it('forgets expired windows when many addresses are tracked', () => {
    const clock = { now: 0 };
    const counter = new AuthFailureCounter({ max: 1, windowSeconds: 1 }, () => clock.now);
    for (let i = 0; i < 100_000; i++) counter.fail(`a${i}`);
    assert.equal(counter.blockedFor('a5'), 1);
    clock.now += 1000;
    counter.fail('late');
    assert.equal(counter.trackedAddresses, 1, 'expired windows swept');
    assert.equal(counter.blockedFor('a5'), undefined);
  });
});
