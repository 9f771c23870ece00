// Lint rules that encode the house style (STYLE.md): pure core (C10), small files (C20).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'jvm/**', '.cirrus/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // C12: migrations are frozen and typed against Kysely<any>.
    files: ['src/store/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // C10: core holds rules without I/O.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['fastify', 'fastify-*', '@fastify/*', 'kysely', 'better-sqlite3', 'pino'], message: 'core/ is pure (C10)' },
          { group: ['node:fs', 'node:fs/*', 'node:child_process', 'node:net', 'node:http', 'node:https', 'fs', 'child_process'], message: 'core/ does no I/O (C10)' },
          { group: ['../store/*', '../engine/*', '../http/*', '../apis/*', '../supervisor/*'], message: 'core/ depends on nothing outside core' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'core/ does no I/O (C10)' }],
    },
  },
);
