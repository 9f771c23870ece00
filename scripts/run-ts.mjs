// Runs a TypeScript entry point (CLI, benchmarks) after making sure packages are installed.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureNodeModules, ROOT } from './setup.mjs';

ensureNodeModules();
const [entry, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], entry, ...rest];
const { register } = await import('tsx/esm/api');
register();
await import(pathToFileURL(path.resolve(ROOT, entry)).href);
