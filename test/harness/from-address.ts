// HTTP requests from a chosen loopback source address (127.0.0.2, …), so a test can be two
// clients: the server, listening on 127.0.0.1, sees a different request.ip for each.
import http from 'node:http';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A keep-alive client bound to `localAddress`. */
export function clientFrom(localAddress: string, maxSockets = 16) {
  const agent = new http.Agent({ keepAlive: true, localAddress, maxSockets });
  const request = (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end(init.body);
    });
  return { request, close: () => agent.destroy() };
}
