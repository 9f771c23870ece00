// Builds the web console (web/ → web/dist) when its build is missing or stale, so `npm start`
// and `npm test` stay the whole set-up (issue 15). Stale = the content hash of everything the
// bundle is made from differs from the stamp the last build wrote. Plain JavaScript: it runs
// from start.mjs before tsx is registered.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT } from './setup.mjs';

const WEB = path.join(ROOT, 'web');
export const WEB_DIST = path.join(WEB, 'dist');
const STAMP = '.build-stamp';

/** Every file the bundle depends on: web sources, this script, and the locked package versions. */
function inputs(web = WEB) {
  const files = [];
  const walk = (p) => {
    if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
    else files.push(p);
  };
  walk(path.join(web, 'src'));
  return [...files, path.join(web, 'index.html'), path.join(ROOT, 'scripts', 'build-web.mjs'), path.join(ROOT, 'package-lock.json')];
}

export function webSourceHash(web = WEB) {
  const hash = crypto.createHash('sha256');
  for (const file of inputs(web)) hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** The shipped assets with their raw and gzip sizes (bench/console.ts records them). */
export function assetSizes(dir = WEB_DIST) {
  const out = [];
  const walk = (p) => {
    if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
    else if (!p.endsWith(STAMP)) {
      const body = fs.readFileSync(p);
      out.push({ file: path.relative(dir, p), bytes: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
    }
  };
  walk(dir);
  return out;
}

/**
 * Builds unless the stamp matches; `log` receives progress lines. Returns whether it built.
 * `web`: another copy of web/ (tests), built into its own dist/.
 */
export async function ensureWebBuild({ log = console.log, force = false, web = WEB } = {}) {
  const dist = path.join(web, 'dist');
  const hash = webSourceHash(web);
  const stampFile = path.join(dist, STAMP);
  if (!force && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === hash) return false;
  log('Building the web console (web/ changed or never built)...');
  const started = Date.now();
  const { build } = await import('esbuild');
  // Built beside the old output, then swapped in, so a server never sees half a build.
  const staging = fs.mkdtempSync(path.join(web, '.dist-'));
  fs.chmodSync(staging, 0o755);
  try {
    const result = await build({
      entryPoints: [path.join(web, 'src', 'main.tsx')], bundle: true, minify: true, format: 'esm', target: 'es2022',
      jsx: 'automatic', jsxImportSource: 'preact', outdir: path.join(staging, 'assets'),
      entryNames: '[name]-[hash]', metafile: true, logLevel: 'warning', legalComments: 'none',
    });
    const outputs = Object.keys(result.metafile.outputs).map((f) => path.basename(f));
    const js = outputs.find((f) => f.endsWith('.js'));
    const css = outputs.find((f) => f.endsWith('.css'));
    // Asset names carry their content hash, so index.html (never cached) points at new ones.
    const html = fs.readFileSync(path.join(web, 'index.html'), 'utf8')
      .replace('%APP_JS%', `/console/assets/${js}`).replace('%APP_CSS%', `/console/assets/${css}`);
    fs.writeFileSync(path.join(staging, 'index.html'), html);
    fs.writeFileSync(path.join(staging, STAMP), `${hash}\n`);
    fs.rmSync(dist, { recursive: true, force: true });
    fs.renameSync(staging, dist);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  const gzip = assetSizes(dist).reduce((sum, a) => sum + a.gzip, 0);
  log(`Web console built in ${Date.now() - started} ms (${(gzip / 1024).toFixed(1)} kB gzip) → ${path.relative(ROOT, dist)}`);
  return true;
}
