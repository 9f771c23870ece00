// C10, issue 8 (proof): src/core is pure. Every file under it is read, each import resolved; one
// that leaves src/core, or names a module that does I/O, fails here. The lint fence in
// eslint.config.js matches import paths as written; this scan resolves them, so a detour
// (`../catalog/../../store/x`) cannot pass either.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CORE = path.join(ROOT, 'src', 'core');
const SOURCE = /\.[cm]?[jt]sx?$/;

/** Node modules that do I/O or load code; matched with or without `node:`, with any subpath. */
const NODE_IO = new Set(['fs', 'child_process', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'worker_threads', 'cluster', 'module']);
/** The outer layers' packages. */
const IO_PACKAGES = [/^fastify(-.+)?$/, /^@fastify\//, /^kysely$/, /^better-sqlite3$/, /^pino(-.+)?$/, /^undici$/];

function sourceFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFilesUnder(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

/** Every module a file names: static, type-only, re-exports, import(), require(), import x = require(). */
function specifiersOf(text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  return [...info.importedFiles, ...info.referencedFiles].map((ref) => ref.fileName);
}

/** Why `specifier`, imported by `file`, breaks core's purity; undefined when it does not. */
function problemOf(file: string, specifier: string): string | undefined {
  const where = path.relative(ROOT, file);
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:')) {
    const target = specifier.startsWith('file:') ? fileURLToPath(specifier) : path.resolve(path.dirname(file), specifier);
    const inside = target.startsWith(CORE + path.sep);
    return inside ? undefined : `${where} imports ${specifier}, which leaves src/core (${path.relative(ROOT, target)})`;
  }
  const name = specifier.replace(/^node:/, '');
  const top = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!;
  if (NODE_IO.has(top)) return `${where} imports ${specifier}, a module that does I/O`;
  if (IO_PACKAGES.some((p) => p.test(top))) return `${where} imports ${specifier}, a package of the outer layers`;
  return undefined;
}

function problemsOf(file: string, text: string): string[] {
  return specifiersOf(text).map((s) => problemOf(file, s)).filter((p): p is string => p !== undefined);
}

describe('core purity (C10)', () => {
  const files = sourceFilesUnder(CORE);

  it('reads every file of src/core, subfolders included', () => {
    const names = files.map((f) => path.relative(CORE, f));
    for (const expected of ['errors.ts', path.join('catalog', 'index.ts'), path.join('reconcile', 'plan.ts')]) {
      assert.ok(names.includes(expected), `${expected} scanned`);
    }
  });

  it('imports nothing outside src/core and no module that does I/O', () => {
    const problems = files.flatMap((file) => problemsOf(file, fs.readFileSync(file, 'utf8')));
    assert.deepEqual(problems, []);
  });

  // The scan itself, on imports a file in src/core/catalog could write.
  const catalogFile = path.join(CORE, 'catalog', 'x.ts');
  const cases: { source: string; refused: boolean }[] = [
    { source: `import { x } from '../../store/schema.ts';`, refused: true },
    { source: `import type { DB } from '../../store/schema.ts';`, refused: true },
    { source: `export * from '../../engine/reconciler.ts';`, refused: true },
    { source: `export { y } from '../../services/connectors.ts';`, refused: true },
    { source: `const m = await import('../../http/app.ts');`, refused: true },
    { source: `type T = import('../../apis/operations.ts').Operation;`, refused: true },
    { source: `import '../catalog/../../supervisor/broker.ts';`, refused: true },
    { source: `import '../../cli/main.ts';`, refused: true },
    { source: `import '../../config.ts';`, refused: true },
    { source: `import '../../../test/harness/fake-connect.ts';`, refused: true },
    { source: `import '/etc/passwd';`, refused: true },
    { source: `import fs from 'node:fs';`, refused: true },
    { source: `import { readFile } from 'fs/promises';`, refused: true },
    { source: `import 'node:fs/promises';`, refused: true },
    { source: `const cp = require('child_process');`, refused: true },
    { source: `import net = require('node:net');`, refused: true },
    ...['http', 'https', 'dgram', 'node:dns/promises', 'worker_threads'].map((m) => ({ source: `import '${m}';`, refused: true })),
    ...['fastify', 'fastify-plugin', '@fastify/rate-limit', 'kysely', 'kysely/helpers/sqlite', 'better-sqlite3', 'pino'].map((m) => ({ source: `import '${m}';`, refused: true })),
    { source: `import { NotFound } from '../errors.ts';`, refused: false },
    { source: `import type { ManagedPlugin } from './types.ts';`, refused: false },
    { source: `import { planConnector } from '../reconcile/plan.ts';`, refused: false },
    { source: `import path from 'node:path';`, refused: false },
    { source: `// import '../../store/schema.ts';`, refused: false },
  ];
  for (const { source, refused } of cases) {
    it(`${refused ? 'refuses' : 'allows'} ${source}`, () => {
      assert.equal(problemsOf(catalogFile, source).length > 0, refused, problemsOf(catalogFile, source).join('; '));
    });
  }
});
