// One control plane per home. A second `npm start` on a home in use would otherwise take the
// running one's JVMs for leftovers of a dead control plane and kill them (the data plane is
// prepared before the API listens, so a taken API port is found only afterwards). The claim is a
// file naming this process: its pid and start time, so that a pid reused by another process
// after a crash (kill -9 leaves the file) does not count as the holder.
import fs from 'node:fs';
import path from 'node:path';

export class HomeInUseError extends Error {}

/** Claims the home for this process, or throws HomeInUseError naming the control plane that holds it. */
export function claimHome(home: string): { release(): void } {
  const file = path.join(home, 'control-plane.pid');
  const mine = identity(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx' });
      return { release: () => releaseIfMine(file, mine) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const held = readClaim(file);
    if (held && identity(held.pid) === held.text) {
      throw new HomeInUseError(`${home} is in use by another Cirrus (pid ${held.pid}); stop it first, or use another CIRRUS_HOME`);
    }
    // Left by a control plane that is gone: take it over.
    fs.rmSync(file, { force: true });
  }
  throw new HomeInUseError(`${home} is being claimed by another Cirrus starting at the same moment`);
}

/** `<pid> <start time in clock ticks since boot>`; just the pid where /proc is not there. */
function identity(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return `${pid} ${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]}`;
  } catch {
    return isAlive(pid) ? `${pid}` : '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readClaim(file: string): { pid: number; text: string } | undefined {
  try {
    const text = fs.readFileSync(file, 'utf8').trim();
    const pid = Number(text.split(' ')[0]);
    return Number.isInteger(pid) && pid > 0 ? { pid, text } : undefined;
  } catch {
    return undefined;
  }
}

function releaseIfMine(file: string, mine: string): void {
  if (readClaim(file)?.text === mine) fs.rmSync(file, { force: true });
}
