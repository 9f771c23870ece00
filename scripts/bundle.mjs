// `npm start` runs the control plane as bundled JavaScript, built from src/ by esbuild (the
// compiler tsx itself uses) in well under a second. Loading the TypeScript through tsx's module
// hooks instead costs a second V8 isolate for the hooks and a transform per file: idle RSS
// 164 MiB against 87 MiB bundled, and a slower start (issue 13, bench/RESULTS.md).
// The files (main.mjs and a chunk per module loaded with import()) go into a folder named by a
// hash of their contents, written once (atomically, so concurrent starts agree) in <repo>/.build/.
// Packages are bundled too (but for EXTERNAL below), and the whole is minified, keeping names
// (stack traces still name functions): the start reads less, and the source text V8 keeps for
// every loaded function is smaller (idle RSS, issue 13). Each source file keeps
// its own import.meta.url and import.meta.dirname (written in as its real location), so paths a
// module derives from where it lives (src/config.ts's repository root) stay right in the bundle.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './setup.mjs';

const keepFileLocations = {
  name: 'keep-file-locations',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const contents = source
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * What the bundle is made from: every file under src/, this script, the locked package versions
 * (esbuild's among them) and where the repository is (the bundle holds absolute paths).
 */
function sourcesHash() {
  const hash = createHash('sha256').update(ROOT).update('\0');
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
    }
  };
  walk(path.join(ROOT, 'src'));
  for (const file of [path.join(ROOT, 'scripts', 'bundle.mjs'), path.join(ROOT, 'package-lock.json')]) hash.update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Packages loaded from node_modules rather than bundled: a native addon, the AWS SDK (its own
 * lazily loaded chunk either way) and the build tools. Every other package is bundled: Node
 * resolving and reading kysely's ~400 ES modules one by one alone took 78 ms of each start.
 */
const EXTERNAL = ['better-sqlite3', '@aws-sdk/*', 'esbuild', 'tsx'];
/** Bundled CommonJS packages require() Node's built-ins; an ES module has no require of its own. */
const REQUIRE_BANNER = "import { createRequire as __cirrusCreateRequire } from 'node:module'; const require = __cirrusCreateRequire(import.meta.url);";

/**
 * The bundle's main.mjs. Built by esbuild only when the sources changed since the last build:
 * the sources' hash names the bundle built from them, and reading them (~10 ms) is cheaper than
 * building (~150 ms of every start, issue 13). `onBuild` is told when esbuild runs (tests).
 */
export async function bundleControlPlane({ onBuild = () => {} } = {}) {
  const record = path.join(ROOT, '.build', `sources-${sourcesHash()}`);
  const known = fs.existsSync(record) ? path.join(ROOT, '.build', fs.readFileSync(record, 'utf8').trim(), 'main.mjs') : undefined;
  if (known && fs.existsSync(known)) return known;
  onBuild();
  const dir = writeOnce(await build());
  writeAtomically(record, path.basename(dir));
  return path.join(dir, 'main.mjs');
}

async function build() {
  const esbuild = await import('esbuild');
  const staging = path.join(ROOT, '.build', 'staging');
  // Split: a module imported with import() becomes a chunk of its own, loaded when first asked
  // for. One file hoisted every package such a module imports to its top, so the AWS SDK (asked
  // for by CIRRUS_OBJECTS=s3 alone) was loaded by every start: ~7 MiB of RSS (issue 13).
  const result = await esbuild.build({
    entryPoints: { main: path.join(ROOT, 'src', 'main.ts') }, bundle: true, splitting: true, outdir: staging, outExtension: { '.js': '.mjs' },
    platform: 'node', format: 'esm', target: 'node20', external: EXTERNAL, write: false, logLevel: 'warning', plugins: [keepFileLocations],
    banner: { js: REQUIRE_BANNER }, minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: false,
  });
  // esbuild's service process is not needed again.
  await esbuild.stop();
  return result.outputFiles.map((f) => ({ name: path.relative(staging, f.path), contents: f.contents })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The files in .build/main-<hash of them>/, written once: concurrent starts agree, none sees half a bundle. */
function writeOnce(files) {
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.name).update('\0').update(f.contents);
  const dir = path.join(ROOT, '.build', `main-${hash.digest('hex').slice(0, 16)}`);
  if (fs.existsSync(dir)) return dir;
  const temporary = `${dir}.${process.pid}.tmp`;
  fs.mkdirSync(temporary, { recursive: true });
  for (const f of files) fs.writeFileSync(path.join(temporary, f.name), f.contents);
  try {
    fs.renameSync(temporary, dir);
  } catch (err) {
    fs.rmSync(temporary, { recursive: true, force: true });
    if (!fs.existsSync(dir)) throw err;
  }
  return dir;
}

function writeAtomically(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}
