// The harness's runCommand (test/harness/run.ts), which every throwaway server's client goes
// through (psql, mariadb): a command that ends before reading its input must fail as a command,
// not as an EPIPE thrown later into whichever test runs then (catalog-cdc failed that way in CI).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCommand } from '../harness/run.ts';

describe('runCommand', () => {
  it('reports a command that exits before reading its input by its exit code, and nothing is thrown later', async () => {
    // More than a pipe holds: the write is still under way when the command is gone.
    const input = 'x'.repeat(4 * 1024 * 1024);
    for (let i = 0; i < 5; i++) {
      await assert.rejects(runCommand(process.execPath, ['-e', 'process.exit(3)'], { input }), /failed \(exit 3\)/);
    }
    // An EPIPE emitted late would land here, in this test, and fail it.
    await new Promise((resolve) => setTimeout(resolve, 200));
  });

  it('passes the input to a command that reads it', async () => {
    const { stdout } = await runCommand(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], { input: 'hello' });
    assert.equal(stdout, 'hello');
  });
});
