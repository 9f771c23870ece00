// Where a secret must never be (issue 10): the API's log, the store's file, the engine's REST
// config and its worker logs. Each place is read whole, so a secret anywhere in it fails the test.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ApiApp } from './api-app.ts';
import { connectRequest } from './connect.ts';
import type { StackInfo } from './stack.ts';

export async function assertSecretsNowhere(api: ApiApp, stack: StackInfo, connectorId: string, secrets: string[]): Promise<void> {
  const engine = JSON.stringify((await connectRequest(stack.connectUrl, 'GET', `/connectors/${connectorId}/config`)).json);
  const places: Record<string, string> = {
    'the API log': fs.readFileSync(api.logFile, 'utf8'),
    'the engine REST config': engine,
  };
  // The store's file and its write-ahead log, where fresh rows are before a checkpoint.
  for (const file of fs.readdirSync(api.home).filter((f) => f.startsWith('cirrus.db'))) places[`the store file ${file}`] = fs.readFileSync(path.join(api.home, file)).toString('latin1');
  const logs = path.join(stack.home, 'logs');
  for (const file of fs.existsSync(logs) ? fs.readdirSync(logs) : []) places[`the worker log ${file}`] = fs.readFileSync(path.join(logs, file), 'utf8');
  for (const secret of secrets) {
    for (const [where, text] of Object.entries(places)) assert.ok(!text.includes(secret), `a secret is in ${where}`);
  }
}
