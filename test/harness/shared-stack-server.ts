// Started by scripts/test.mjs: one broker + Connect pool shared by all integration tests.
// Writes the stack's address to the file named by argv[2]; stops on SIGTERM or when the
// test runner that started it is gone.
import fs from 'node:fs';
import { startStack } from './stack.ts';

const out = process.argv[2];
if (!out) throw new Error('usage: shared-stack-server.ts <stack.json>');
const parent = process.ppid;
const stack = await startStack('shared');
fs.writeFileSync(out, JSON.stringify(stack.info));

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => {
  if (!fs.existsSync(`/proc/${parent}`)) void stop();
}, 1000);
