// The web console (issue 15), all in one run:
//  1. the shipped assets, raw and gzip (what a first visit downloads);
//  2. time to first render of the connector list with 1,000 connectors (navigation start → the
//     table's 1,000 rows in the DOM, measured in the page) against the list API call alone
//     (GET …/connectors?expand=id,info,status, the call the page makes), from Node and as the
//     page's own resource timing of that call, same app, same run.
// The API runs without Connect (connectors stay PROVISIONING): the list is served from the store
// either way, and the bench is about the console. Chromium is Debian's, as in test/browser.
// Run: npm run bench:console   (ROUNDS=7)
import { assetSizes, ensureWebBuild } from '../scripts/build-web.mjs';
import { basicAuth, startApiApp } from '../test/harness/api-app.ts';
import { launchChromium } from '../test/harness/browser.ts';
import { datagenConfig } from '../test/harness/connector-fixtures.ts';
import { machine } from './machine.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const CONNECTORS = 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

await ensureWebBuild();
const assets = assetSizes();
const api = await startApiApp();
const b = api.bootstrap;
const authorization = basicAuth(b.cloud_api_key, b.cloud_api_secret);
const base = `${api.url}/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}`;
const browser = await launchChromium();
try {
  console.log(`Creating ${CONNECTORS} connectors...`);
  for (let i = 0; i < CONNECTORS; i += 10) {
    await Promise.all(Array.from({ length: 10 }, async (_, j) => {
      const name = `bench-${String(i + j).padStart(4, '0')}`;
      const res = await fetch(`${base}/connectors`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ name, config: datagenConfig(b, name) }) });
      if (res.status !== 201) throw new Error(`POST ${name}: ${res.status} ${await res.text()}`);
    }));
  }
  const listPath = '/connectors?expand=id,info,status';
  const apiAlone: number[] = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    const started = performance.now();
    const res = await fetch(`${base}${listPath}`, { headers: { authorization } });
    const count = Object.keys(await res.json() as object).length;
    if (count !== CONNECTORS) throw new Error(`listed ${count}`);
    if (r > 0) apiAlone.push(performance.now() - started); // the first call warms the app up
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${api.url}/console/`);
  await page.getByLabel('API key').fill(b.cloud_api_key);
  await page.getByLabel('API secret').fill(b.cloud_api_secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`${CONNECTORS} of ${CONNECTORS} connectors`).waitFor({ timeout: 60_000 });
  const listUrl = `${api.url}/console/${b.environment_id}/${b.kafka_cluster_id}`;
  const render: number[] = [];
  const inPage: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // A reload of the list page (assets cached, as on every visit after the first).
    await page.goto(listUrl);
    const t = await page.waitForFunction((n) => document.querySelectorAll('tr[data-connector]').length === n && performance.now(), CONNECTORS, { polling: 'raf', timeout: 60_000 });
    render.push(await t.jsonValue() as number);
    inPage.push(await page.evaluate(() => {
      const call = performance.getEntriesByType('resource').find((e) => e.name.includes('/connectors?expand=id%2Cinfo%2Cstatus') || e.name.includes('/connectors?expand=id,info,status'));
      return call ? call.duration : NaN;
    }));
  }
  const gzip = assets.reduce((s, a) => s + a.gzip, 0);
  const raw = assets.reduce((s, a) => s + a.bytes, 0);
  console.log(`\nMachine: ${machine()}\nDate: ${new Date().toISOString().slice(0, 10)}\n`);
  console.log('| asset | bytes | gzip -9 |\n|---|---|---|');
  for (const a of assets) console.log(`| ${a.file} | ${a.bytes} | ${a.gzip} |`);
  console.log(`| **total** | **${raw}** | **${gzip}** |\n`);
  console.log(`| ${CONNECTORS} connectors, median of ${ROUNDS} | time |\n|---|---|`);
  console.log(`| list API call alone (Node fetch, ${listPath}) | ${ms(median(apiAlone))} |`);
  console.log(`| the same call inside the page load (resource timing) | ${ms(median(inPage))} |`);
  console.log(`| navigation start → ${CONNECTORS} rows rendered | ${ms(median(render))} |`);
  console.log(`| ratio render / API call alone | ${(median(render) / median(apiAlone)).toFixed(2)} × |`);
} finally {
  await browser.close();
  await api.close();
}
