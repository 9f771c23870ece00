// Lint rules that encode the house style (STYLE.md): pure core (C10), small files and functions (C20).
import tseslint from 'typescript-eslint';

/** Layers of src/ that do I/O or serve it; core/ reaches none of them, from any depth (C10). */
const OUTER_LAYERS = ['store', 'engine', 'http', 'apis', 'services', 'supervisor', 'cli', 'objects'];
/** The composition files at the root of src/ (env, logging, wiring), outer too. */
const OUTER_FILES = ['config', 'control-plane', 'logging', 'main'];
/** Node modules that do I/O or load code, with or without `node:` and with any subpath. */
const NODE_IO = ['fs', 'child_process', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'worker_threads', 'cluster', 'module'];
/** Packages that are the outer layers' tools. */
const IO_PACKAGES = ['fastify', 'fastify-[^/]+', '@fastify/[^/]+', 'kysely', 'better-sqlite3', 'pino', 'pino-[^/]+', 'undici'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'jvm/**', '.cirrus/**', '.build/**', '.cache/**', 'web/dist/**', 'web/.dist-*/**', 'test-artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // C20: functions under ~50 lines. 50 is the style guide's number and fits the code as it is:
    // at 40 the connector reconcile step (42) and the broker's JVM spec (41), each one readable
    // piece, would have to be cut; above 50 only start-up composition remains (below).
    // Tests are exempt: a describe() callback is a list of cases, not a function to read.
    files: ['src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 50, skipBlankLines: true, skipComments: true }] },
  },
  {
    // C12: migrations are frozen and typed against Kysely<any>; a merged one is never edited, so
    // it is never split either.
    files: ['src/store/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'max-lines-per-function': 'off' },
  },
  {
    // C10: core holds rules without I/O. Relative imports are matched at any depth
    // (`../store/x`, `../../store/x`, `../../src/store/x`); test/unit/core-purity.test.ts also
    // resolves every import, so a path that only leaves core/ by a detour fails there.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: `^(\\./)?(\\.\\./)+(src/)?(${OUTER_LAYERS.join('|')})(/|$)`, message: 'core/ depends on nothing outside core (C10)' },
          { regex: `^(\\./)?(\\.\\./)+(src/)?(${OUTER_FILES.join('|')})(\\.[cm]?[jt]s)?$`, message: 'core/ depends on nothing outside core (C10)' },
          { regex: `^(node:)?(${NODE_IO.join('|')})(/.*)?$`, message: 'core/ does no I/O (C10)' },
          { regex: `^(${IO_PACKAGES.join('|')})(/.*)?$`, message: 'core/ is pure (C10)' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'core/ does no I/O (C10)' }],
      'no-restricted-syntax': ['error',
        { selector: 'ImportExpression', message: 'core/ loads no module at run time (C10)' },
        { selector: 'CallExpression[callee.name="require"]', message: 'core/ loads no module at run time (C10)' },
      ],
    },
  },
);
