// A loopback port nothing listens on right now: the OS picks one for a throwaway listener. Used
// for the ports of clusters and pools Cirrus starts (and by the test harness for its stacks).
import net from 'node:net';

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
