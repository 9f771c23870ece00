// Issue 15: Cirrus serves the built web console at /console itself: the page for every app
// route (SPA fallback, never cached), hashed assets cached for a year, a strict CSP on all of
// them, and unknown or unsafe asset paths answered 404 in the v2 error shape.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ensureWebBuild } from '../../scripts/build-web.mjs';

describe('GET /console (issue 15)', () => {
  let api: ApiApp;
  before(async () => {
    await ensureWebBuild({ log: () => {} });
    api = await startApiApp();
  });
  after(async () => api?.close());

  const get = (path: string) => fetch(`${api.url}${path}`, { redirect: 'manual' });
  const assetsOf = (html: string) => [...html.matchAll(/(?:src|href)="(\/console\/assets\/[^"]+)"/g)].map((m) => m[1]!);

  it('redirects /console to /console/', async () => {
    const res = await get('/console');
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), '/console/');
  });

  it('answers the app page on every app path, uncached, under a strict CSP', async () => {
    for (const path of ['/console/', '/console/env-x/lkc-y', '/console/env-x/lkc-y/connectors/a%20b', '/console/env-x/lkc-y/new/DatagenSource']) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(res.headers.get('cache-control'), 'no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'/);
      assert.match(csp, /style-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-(inline|eval)/);
      assert.match(csp, /frame-ancestors 'none'/);
      const html = await res.text();
      // Nothing inline: every script is a file, no style element or attribute.
      assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/);
      assert.doesNotMatch(html, /<style|style=/);
      assert.equal(assetsOf(html).length, 2, html);
    }
  });

  it('serves the hashed assets for a year, immutable, with their types', async () => {
    const html = await (await get('/console/')).text();
    for (const asset of assetsOf(html)) {
      const res = await get(asset);
      assert.equal(res.status, 200, asset);
      assert.match(res.headers.get('cache-control') ?? '', /max-age=31536000.*immutable|immutable.*max-age=31536000/);
      assert.match(res.headers.get('content-type') ?? '', asset.endsWith('.js') ? /javascript/ : /text\/css/);
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    }
  });

  it('answers 404 in the v2 shape for unknown or unsafe asset paths, never the page', async () => {
    for (const path of ['/console/assets/nope.js', '/console/assets/..%2f..%2fpackage.json', '/console/assets/%2e%2e%2findex.html']) {
      const res = await get(path);
      assert.equal(res.status, 404, path);
      const body = await res.json() as { errors: { status: string; detail: string }[] };
      assert.equal(body.errors[0]?.status, '404');
    }
  });

  it('needs no API key: the page holds no data', async () => {
    const res = await get('/console/');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('www-authenticate'), null);
  });
});
