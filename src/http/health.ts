// GET /health: 200 only when the control plane is up and every broker and Connect pool that
// should run is ready; 503 with the reason until then (start-up, a process restarting). Open to
// anyone (load balancers, `curl` without keys), so it shows states only: no cluster or pool ids.
import type { FastifyInstance } from 'fastify';
import type { PoolManager } from '../engine/pool-manager.ts';

export function registerHealth(app: FastifyInstance, poolManager: PoolManager): void {
  app.get('/health', { config: { operation: 'cirrus.health' } }, async (_request, reply) => {
    const health = await poolManager.health();
    const view = (c: { state: string; restarts: number }) => ({ state: c.state, restarts: c.restarts });
    reply.code(health.ready ? 200 : 503);
    return {
      status: health.status,
      ...(health.reason ? { reason: health.reason } : {}),
      brokers: health.brokers.map(view),
      pools: health.pools.map(view),
    };
  });
}
