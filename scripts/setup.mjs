// Installs the npm packages when they are missing or older than package-lock.json. Plain
// JavaScript with no dependencies, because it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * `quiet`: progress goes to stderr instead of stdout (the CLI's `--json` output owns stdout).
 */
export function ensureNodeModules({ quiet = false } = {}) {
  const stamp = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  const current = fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (current) return;
  (quiet ? console.error : console.log)('Installing npm packages (npm ci)...');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: ['ignore', quiet ? 2 : 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error('npm ci failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}
