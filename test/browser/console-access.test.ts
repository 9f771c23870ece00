// Issue 15: what the console keeps and shows. The secret lives in sessionStorage only: never in
// localStorage, a URL or a log line, and sign-out forgets it. A key with only Operator sees
// statuses but no config, no actions and no create button. At phone size (390×844).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ConsoleSession, launchChromium } from '../harness/browser.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { adminClient, keyWithRole } from '../harness/principals.ts';
import { sharedStack, stopOwnStack } from '../harness/stack.ts';

const NAME = 'access-datagen';
const PHONE = { width: 390, height: 844 };

describe('web console: secrets and roles (issue 15)', () => {
  let api: ApiApp;
  let browser: Browser;

  before(async () => {
    api = await startApiApp({ stack: await sharedStack() });
    const b = api.bootstrap;
    const c = adminClient(api);
    const created = await c.call('POST', '/connectors', { name: NAME, config: datagenConfig(b, NAME) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await api?.close();
    await stopOwnStack();
  });

  const signIn = async (s: ConsoleSession, key: string, secret: string) => {
    await s.page.goto(`${api.url}/console/`);
    await s.page.getByLabel('API key').fill(key);
    await s.page.getByLabel('API secret').fill(secret);
    await s.page.getByRole('button', { name: 'Sign in' }).click();
    await s.page.locator(`tr[data-connector="${NAME}"]`).waitFor();
  };

  it('keeps the secret out of localStorage, URLs and logs, and forgets it on sign-out', async () => {
    const s = await ConsoleSession.open(browser, 'secret-phone', PHONE);
    const { cloud_api_key: key, cloud_api_secret: secret } = api.bootstrap;
    try {
      await signIn(s, key, secret);
      assert.deepEqual(await s.checkpoint('list-phone'), []);
      await s.page.getByRole('link', { name: NAME }).click();
      await s.page.getByRole('heading', { name: 'Configuration' }).waitFor();
      assert.deepEqual(await s.checkpoint('connector-phone'), []);
      await s.page.getByRole('link', { name: 'New connector' }).click();
      await s.page.getByRole('link', { name: 'DatagenSource' }).click();
      await s.page.getByLabel('Connector name').waitFor();
      assert.deepEqual(await s.checkpoint('create-phone'), []);
      const local = await s.page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
      assert.ok(!local.includes(secret), 'localStorage holds the secret');
      const session = await s.page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
      assert.ok(session.includes(secret), 'signed in: the tab keeps the secret in sessionStorage');
      for (const url of s.urls) assert.ok(!url.includes(secret) && !url.includes(encodeURIComponent(secret)), `secret in ${url}`);
      assert.ok(s.urls.length > 10, `${s.urls.length} requests seen`);
      await s.page.getByRole('button', { name: 'Sign out' }).click();
      await s.page.getByLabel('API key').waitFor();
      assert.equal(await s.page.evaluate(() => sessionStorage.length + localStorage.length), 0);
      // A reload after sign-out asks again: nothing was kept anywhere else.
      await s.page.reload();
      await s.page.getByLabel('API secret').waitFor();
      assert.deepEqual(s.errors, []);
      const log = fs.readFileSync(api.logFile, 'utf8');
      assert.ok(log.includes('/console/'), 'the log saw the console');
      assert.ok(!log.includes(secret), 'a log line holds the secret');
    } finally {
      await s.close();
    }
  });

  it('shows an Operator-only key statuses, but no config, no actions and no create button', async () => {
    const b = api.bootstrap;
    const operator = await keyWithRole(api, 'Operator', `crn://confluent.cloud/organization=${b.organization_id}/environment=${b.environment_id}/cloud-cluster=${b.kafka_cluster_id}`);
    const s = await ConsoleSession.open(browser, 'operator');
    try {
      await signIn(s, operator.id, operator.secret);
      const row = s.page.locator(`tr[data-connector="${NAME}"]`);
      await row.locator('.state').waitFor();
      assert.match(await row.innerText(), /source/);
      assert.equal(await s.page.getByRole('link', { name: 'Create connector' }).count(), 0);
      assert.equal(await s.page.getByRole('link', { name: 'New connector' }).count(), 0);
      assert.deepEqual(await s.checkpoint('operator-list'), []);
      await row.getByRole('link', { name: NAME }).click();
      await s.page.locator('.status .state').first().waitFor();
      assert.equal(await s.page.getByRole('heading', { name: 'Configuration' }).count(), 0);
      assert.equal(await s.page.getByRole('button', { name: 'Pause' }).count(), 0);
      assert.equal(await s.page.getByRole('button', { name: 'Delete' }).count(), 0);
      assert.deepEqual(await s.checkpoint('operator-connector'), []);
      // The only refusals are the console's two role probes: may this key read plugins (not an
      // Operator), and list service accounts (an OrganizationAdmin)? Chromium logs each 403.
      assert.ok(s.errors.every((e) => / 403 /.test(e) && /\/connector-plugins$|\/iam\/v2\/service-accounts\?/.test(e)), s.errors.join('\n'));
      assert.equal(await s.page.getByRole('link', { name: 'Administration' }).count(), 0);
    } finally {
      await s.close();
    }
  });
});
