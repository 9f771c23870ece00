// Issue 13: one log line per answered request, in the log file at the default level but not on
// stdout; with the level at warn, none. The logger is src/logging.ts's (what npm start uses) in a
// child process, so its stdout can be read; the app is built by Fastify with our LogController.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * Serves one request of /hello?policy=secret with the given level; returns stdout and the log file.
 * `exitAtOnce`: the script ends with process.exit in the turn that answered the last request, as
 * main.ts's stop does, instead of closing the app and letting the streams drain.
 */
function oneRequest(level: string, exitAtOnce = false): { stdout: string; file: string } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-request-log-'));
  const script = path.join(home, 'serve.mts');
  fs.writeFileSync(script, `
    import Fastify from ${JSON.stringify(path.join(ROOT, 'node_modules', 'fastify', 'fastify.js'))};
    import { createLogger } from ${JSON.stringify(path.join(ROOT, 'src', 'logging.ts'))};
    import { OneLinePerRequest, logRequestsSafely } from ${JSON.stringify(path.join(ROOT, 'src', 'http', 'request-log.ts'))};
    const logger = createLogger({ home: ${JSON.stringify(home)}, logLevel: ${JSON.stringify(level)} });
    const app = Fastify({ loggerInstance: logger, logController: new OneLinePerRequest(logger) });
    logRequestsSafely(app);
    app.get('/hello', async () => ({ hello: 'world' }));
    // the log file opens asynchronously: a server answers requests only well after that
    await new Promise((resolve) => setTimeout(resolve, 100));
    app.get('/hello-warns', async (request) => {
      request.log.warn({ config: { 'secret.key': 'hidden' } }, 'hello warns');
      return {};
    });
    await app.inject({ method: 'GET', url: '/hello?policy=secret' });
    await app.inject({ method: 'GET', url: '/hello-warns', remoteAddress: '10.1.2.3' });
    logger.info('after the request');
    if (${exitAtOnce}) process.exit(0);
    await app.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
  `);
  try {
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8' });
    return { stdout, file: fs.readFileSync(path.join(home, 'logs', 'control-plane.log'), 'utf8') };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const requestLines = (text: string) => text.split('\n').filter((line) => line.includes('/hello?'));
const linesWith = (text: string, words: string) => text.split('\n').filter((line) => line.includes(words)).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('request log lines (issue 13)', () => {
  it('at info: one line per request in the file, none on stdout, the URL credential blanked', () => {
    const { stdout, file } = oneRequest('info');
    const lines = requestLines(file);
    assert.equal(lines.length, 1, file);
    const line = JSON.parse(lines[0]!) as { msg: string; req: { method: string; url: string }; res: { statusCode: number }; responseTime: number };
    assert.equal(line.msg, 'request completed');
    assert.deepEqual([line.req.method, line.req.url, line.res.statusCode], ['GET', '/hello?policy=%5Bredacted%5D', 200]);
    assert.equal(typeof line.responseTime, 'number');
    assert.deepEqual(requestLines(stdout), []);
    assert.match(stdout, /after the request/, 'info lines still reach stdout');
  });

  it('the access line has the fields a pino line had; a line a request logs names it, redacted', () => {
    const { file } = oneRequest('info');
    const [access] = linesWith(file, '/hello?');
    assert.deepEqual(Object.keys(access!), ['level', 'time', 'service', 'reqId', 'req', 'res', 'responseTime', 'msg']);
    assert.equal(access!.level, 25);
    assert.equal(typeof access!.time, 'number');
    assert.equal(access!.service, 'cirrus');
    // inject has no socket, so no remotePort, as in pino's line.
    assert.deepEqual(Object.keys(access!.req as object), ['method', 'url', 'host', 'remoteAddress']);
    const [warned] = linesWith(file, 'hello warns');
    const [warnedAccess] = linesWith(file, '/hello-warns');
    assert.equal(warned!.level, 40);
    assert.equal(warned!.reqId, warnedAccess!.reqId, 'the request id of its access line');
    assert.deepEqual(warned!.config, '[redacted]');
    assert.deepEqual((warnedAccess!.req as { remoteAddress: string }).remoteAddress, '10.1.2.3');
  });

  it('lines still waiting to be written when the process exits are in the file', () => {
    const { file } = oneRequest('info', true);
    assert.equal(requestLines(file).length, 1, file);
    assert.equal(linesWith(file, '/hello-warns').length, 1, file);
    assert.match(file, /after the request/);
  });

  it('at debug: the request line on stdout too', () => {
    assert.equal(requestLines(oneRequest('debug').stdout).length, 1);
  });

  it('at warn: no request line anywhere', () => {
    const { stdout, file } = oneRequest('warn');
    assert.deepEqual([...requestLines(stdout), ...requestLines(file)], []);
  });
});
