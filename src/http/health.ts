// GET /health: is the control plane up, and what state are the broker and pools in. Open to
// anyone (load balancers, `curl` without keys); it reveals no ids but the pools'.
import type { FastifyInstance } from 'fastify';
import type { ConnectPools } from '../engine/pools.ts';

export function registerHealth(app: FastifyInstance, pools: ConnectPools): void {
  app.get('/health', { config: { operation: 'cirrus.health' } }, async (_request, reply) => {
    const { broker, pools: poolHealth } = pools.health();
    const components = [...(broker ? [broker] : []), ...Object.values(poolHealth)];
    const ready = components.every((c) => c.state === 'ready');
    reply.code(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'degraded', broker, pools: poolHealth };
  });
}
