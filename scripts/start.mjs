// `npm start`: install what is missing, then run the control plane in this very process (no
// extra child), so Ctrl-C and SIGTERM reach it directly; bundled first (scripts/bundle.mjs).
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { bundleControlPlane } from './bundle.mjs';
import { ensureNodeModules } from './setup.mjs';

ensureNodeModules();
// The web console's bundle (/console), rebuilt only when web/ changed (issue 15).
const { ensureWebBuild } = await import('./build-web.mjs');
await ensureWebBuild();
stopWhenNpmDies();
await import(pathToFileURL(await bundleControlPlane()).href);

/**
 * npm does not pass SIGTERM on to the script it runs: `kill <npm pid>` would orphan us and our
 * JVMs. So when the npm process that launched us is gone, we stop as if we got SIGTERM.
 */
function stopWhenNpmDies() {
  const npmPid = findAncestor((cmd) => /(^|\/)npm(-cli\.js)?\0/.test(cmd) || cmd.startsWith('npm '));
  if (!npmPid) return;
  const timer = setInterval(() => {
    if (!fs.existsSync(`/proc/${npmPid}`)) {
      clearInterval(timer);
      process.kill(process.pid, 'SIGTERM');
    }
  }, 1000);
  timer.unref();
}

function findAncestor(matches) {
  let pid = process.ppid;
  for (let depth = 0; depth < 2 && pid > 1; depth++) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (matches(cmd)) return pid;
      pid = Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
