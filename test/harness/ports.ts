// Free loopback ports, so test stacks never collide with each other or with `npm start`.
import { freeLoopbackPort } from '../../src/supervisor/free-port.ts';

export const freePort = freeLoopbackPort;

export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
