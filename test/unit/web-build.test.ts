// Issue 15: npm start and npm test build the web console only when its build is missing or
// stale (the content hash of web/ against the stamp of the last build). On a copy of web/ inside
// the repository (so the bundler finds node_modules), never on the real one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureWebBuild, webSourceHash } from '../../scripts/build-web.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('web console build (issue 15)', () => {
  let web: string;
  const lines: string[] = [];
  const build = () => ensureWebBuild({ web, log: (line) => lines.push(line) });
  before(() => {
    fs.mkdirSync(path.join(ROOT, '.cache'), { recursive: true });
    web = fs.mkdtempSync(path.join(ROOT, '.cache', 'web-build-'));
    fs.cpSync(path.join(ROOT, 'web', 'src'), path.join(web, 'src'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'web', 'index.html'), path.join(web, 'index.html'));
  });
  after(() => fs.rmSync(web, { recursive: true, force: true }));

  it('builds when missing, with progress, hashed asset names and a stamp', async () => {
    assert.equal(await build(), true);
    assert.match(lines.join('\n'), /Building the web console[\s\S]*built in \d+ ms \([\d.]+ kB gzip\)/);
    const html = fs.readFileSync(path.join(web, 'dist', 'index.html'), 'utf8');
    const assets = [...html.matchAll(/\/console\/assets\/(main-[A-Z0-9]+\.(?:js|css))/g)].map((m) => m[1]!);
    assert.equal(assets.length, 2, html);
    for (const a of assets) assert.ok(fs.existsSync(path.join(web, 'dist', 'assets', a)), a);
    assert.equal(fs.readFileSync(path.join(web, 'dist', '.build-stamp'), 'utf8').trim(), webSourceHash(web));
  });

  it('skips a current build, and rebuilds once a source changes', async () => {
    lines.length = 0;
    assert.equal(await build(), false);
    assert.deepEqual(lines, []);
    const before = webSourceHash(web);
    fs.appendFileSync(path.join(web, 'src', 'styles.css'), '\n/* changed */\n');
    assert.notEqual(webSourceHash(web), before);
    assert.equal(await build(), true);
    assert.equal(await build(), false);
  });

  it('rebuilds when the output is gone', async () => {
    fs.rmSync(path.join(web, 'dist'), { recursive: true });
    assert.equal(await build(), true);
    assert.ok(fs.existsSync(path.join(web, 'dist', 'index.html')));
  });
});
