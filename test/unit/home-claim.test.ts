// One control plane per home (supervisor/home-claim.ts): a second one would take the running
// one's JVMs for leftovers and kill them. A claim left by a dead process, or by a pid that was
// reused since, is taken over.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { claimHome, HomeInUseError } from '../../src/supervisor/home-claim.ts';

const home = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-claim-'));

describe('home claim', () => {
  it('refuses a second claim while the first holds, and allows one after its release', () => {
    const dir = home();
    const first = claimHome(dir);
    assert.throws(() => claimHome(dir), (err: Error) => err instanceof HomeInUseError && err.message.includes(`pid ${process.pid}`));
    first.release();
    assert.equal(fs.existsSync(path.join(dir, 'control-plane.pid')), false);
    claimHome(dir).release();
  });

  it('takes over the claim of a process that is gone', () => {
    const dir = home();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(path.join(dir, 'control-plane.pid'), `${gone.stdout} 12345`);
    const claim = claimHome(dir);
    assert.match(fs.readFileSync(path.join(dir, 'control-plane.pid'), 'utf8'), new RegExp(`^${process.pid} `));
    claim.release();
  });

  it('takes over a claim whose pid now belongs to another process (another start time)', () => {
    const dir = home();
    fs.writeFileSync(path.join(dir, 'control-plane.pid'), `${process.pid} 1`);
    const claim = claimHome(dir);
    assert.notEqual(fs.readFileSync(path.join(dir, 'control-plane.pid'), 'utf8'), `${process.pid} 1`);
    claim.release();
  });

  it('a release does not remove a claim it no longer holds', () => {
    const dir = home();
    const claim = claimHome(dir);
    fs.writeFileSync(path.join(dir, 'control-plane.pid'), `${process.pid} 1`);
    claim.release();
    assert.equal(fs.readFileSync(path.join(dir, 'control-plane.pid'), 'utf8'), `${process.pid} 1`);
  });
});
