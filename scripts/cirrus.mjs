#!/usr/bin/env node
// `cirrus`, the operator CLI (src/cli/main.ts): installs what is missing, then runs the
// TypeScript in this process through tsx (scripts/start.mjs bundles instead: a long-running server). Install progress goes to stderr, so
// `--json` output on stdout stays clean.
import { ensureNodeModules } from './setup.mjs';

ensureNodeModules({ quiet: true });
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli/main.ts');
