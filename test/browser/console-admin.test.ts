// Issue 15: the OrganizationAdmin pages in Chromium against a real Cirrus: a service account,
// an API key whose secret is shown once (copied through the clipboard, kept nowhere, logged
// nowhere), a role binding, an environment and a cluster; then the key and binding deleted.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ConsoleSession, launchChromium } from '../harness/browser.ts';
import { adminAuth, v2Call } from '../harness/principals.ts';
import { sharedStack, stopOwnStack } from '../harness/stack.ts';

describe('web console: administration (issue 15)', () => {
  let api: ApiApp;
  let browser: Browser;
  let s: ConsoleSession;
  let page: Page;
  let keyId = '';
  let secret = '';

  before(async () => {
    api = await startApiApp({ stack: await sharedStack() });
    browser = await launchChromium();
    s = await ConsoleSession.open(browser, 'admin');
    page = s.page;
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: api.url });
  });
  after(async () => {
    await s?.close();
    await browser?.close();
    await api?.close();
    await stopOwnStack();
  });

  const checkpoint = async (label: string) => assert.deepEqual(await s.checkpoint(label), [], `accessibility of ${label}`);

  it('offers the administration to an OrganizationAdmin and creates a service account', async () => {
    await page.goto(`${api.url}/console/`);
    await page.getByLabel('API key').fill(api.bootstrap.cloud_api_key);
    await page.getByLabel('API secret').fill(api.bootstrap.cloud_api_secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    await page.getByLabel('New service account name').fill('console-sa');
    await page.getByRole('button', { name: 'Create service account' }).click();
    await page.locator('.admin-list li', { hasText: 'console-sa' }).first().waitFor();
    await checkpoint('service-account');
  });

  it('creates an API key and shows its secret once, with a copy button', async () => {
    await page.getByLabel('Owner').selectOption((await page.locator('#key-owner option', { hasText: 'console-sa' }).getAttribute('value'))!);
    await page.getByRole('button', { name: 'Create API key' }).click();
    const shown = page.getByLabel('Secret', { exact: true });
    await shown.waitFor();
    secret = await shown.inputValue();
    keyId = (await page.locator('#new-key-title').innerText()).replace('New key ', '');
    assert.match(secret, /^[A-Za-z0-9+/]{64}$/);
    await page.getByRole('button', { name: 'Copy secret' }).click();
    await page.getByText('Secret copied to the clipboard.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
    await checkpoint('api-key-secret-once');
    // The new key works at once (Terraform proves a cloud key this way).
    assert.equal((await v2Call(api, `Basic ${Buffer.from(`${keyId}:${secret}`).toString('base64')}`, 'GET', '/org/v2/environments')).status, 200);
    await page.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });
    assert.equal(await page.getByText(secret).count(), 0);
    const stored = await page.evaluate(() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]));
    assert.ok(!stored.includes(secret), 'the new secret was stored in the browser');
    assert.ok(!fs.readFileSync(api.logFile, 'utf8').includes(secret), 'the new secret reached the log');
  });

  it('binds a role, creates an environment and a cluster', async () => {
    await page.getByLabel('Service account', { exact: true }).selectOption((await page.locator('#rb-principal option', { hasText: 'console-sa' }).getAttribute('value'))!);
    await page.getByLabel('Role', { exact: true }).selectOption('Operator');
    await page.getByRole('button', { name: 'Create role binding' }).click();
    const binding = page.locator('.admin-list li', { hasText: 'Operator' });
    await binding.waitFor();
    await page.getByLabel('New environment name').fill('console-env');
    await page.getByRole('button', { name: 'Create environment' }).click();
    await page.locator('.admin-list li', { hasText: 'console-env' }).waitFor();
    await page.getByLabel('New cluster name').fill('console-cluster');
    await page.getByRole('button', { name: 'Create cluster' }).click();
    await page.locator('.admin-list li', { hasText: 'console-cluster' }).waitFor();
    await checkpoint('role-binding-environment-cluster');
    const envs = (await v2Call(api, adminAuth(api), 'GET', '/org/v2/environments')).json as { data: { display_name: string }[] };
    assert.ok(envs.data.some((e) => e.display_name === 'console-env'));
  });

  it('deletes the role binding and the API key', async () => {
    await page.locator('.admin-list li', { hasText: 'Operator' }).getByRole('button', { name: /Delete role binding/ }).click();
    await page.locator('.admin-list li', { hasText: 'Operator' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: `Delete API key ${keyId}` }).click();
    await page.getByRole('button', { name: `Delete API key ${keyId}` }).waitFor({ state: 'detached' });
    assert.equal((await v2Call(api, `Basic ${Buffer.from(`${keyId}:${secret}`).toString('base64')}`, 'GET', '/org/v2/environments')).status, 401);
    await checkpoint('deleted');
  });

  it('logged no error in the browser console on the way', () => {
    assert.deepEqual(s.errors, []);
  });
});
