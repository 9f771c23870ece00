// The audit file (issue 7.10): rotation by size, and write errors that are logged and outlived.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import pino from 'pino';
import { AuditFile } from '../../src/services/audit-file.ts';

function memoryLogger() {
  const entries: { level: number; msg: string; dropped?: number; err?: { code?: string } }[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void entries.push(JSON.parse(line)) });
  return { logger, entries };
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-audit-file-'));
const line = (n: number) => `${JSON.stringify({ n, pad: 'x'.repeat(20) })}\n`;

describe('audit file', () => {
  it('issue 7.10: rotates past maxBytes, keeping keepFiles old files', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'audit.log');
    const { logger } = memoryLogger();
    const audit = new AuditFile(file, { maxBytes: 100, keepFiles: 2 }, logger);
    for (let n = 0; n < 12; n++) await audit.append(line(n));
    await audit.close();
    assert.deepEqual(fs.readdirSync(dir).sort(), ['audit.log', 'audit.log.1', 'audit.log.2']);
    const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { n: number }).n);
    for (const name of ['audit.log', 'audit.log.1', 'audit.log.2']) assert.ok(fs.statSync(path.join(dir, name)).size <= 100, name);
    // 37-byte lines, two per file: the newest in audit.log, older ones in .1 and .2, the rest gone.
    assert.deepEqual([read('audit.log.2'), read('audit.log.1'), read('audit.log')], [[6, 7], [8, 9], [10, 11]]);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });

  it('issue 7.10: a full disk is logged once, never thrown, and writing resumes when it can', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'audit.log');
    const { logger, entries } = memoryLogger();
    fs.symlinkSync('/dev/full', file);
    const audit = new AuditFile(file, { maxBytes: 1 << 20, keepFiles: 2 }, logger);
    for (let n = 0; n < 3; n++) await audit.append(line(n));
    const errors = entries.filter((e) => e.level === 50);
    assert.equal(errors.length, 1, 'logged once, not per line');
    assert.equal(errors[0]!.err?.code, 'ENOSPC');

    fs.rmSync(file);
    await audit.append(line(3));
    assert.deepEqual(fs.readFileSync(file, 'utf8'), line(3));
    const resumed = entries.find((e) => e.level === 40);
    assert.equal(resumed?.dropped, 3);
    await audit.close();
  });

  it('issue 7.10: recreates the file and its folder when they are removed', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'logs', 'audit.log');
    const { logger } = memoryLogger();
    const audit = new AuditFile(file, { maxBytes: 1 << 20, keepFiles: 2 }, logger);
    await audit.append(line(0));
    fs.rmSync(path.join(dir, 'logs'), { recursive: true });
    await audit.append(line(1));
    assert.equal(fs.readFileSync(file, 'utf8'), line(1));

    // A folder where the file should be: EISDIR, dropped and logged, then back once it is gone.
    fs.rmSync(file);
    fs.mkdirSync(file);
    await audit.append(line(2));
    fs.rmdirSync(file);
    await audit.append(line(3));
    assert.equal(fs.readFileSync(file, 'utf8'), line(3));
    await audit.close();
    await audit.append(line(4));
    assert.equal(fs.readFileSync(file, 'utf8'), line(3), 'nothing is written after close');
  });
});
