// The control plane's bundle (scripts/bundle.mjs, what `npm start` runs): a module loaded with
// import() stays out of the start. One file hoisted the AWS SDK, asked for by CIRRUS_OBJECTS=s3
// alone, into every start (issue 13: ~6 MiB of heap at idle). And it is built once per change of
// its sources, not at every start.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { bundleControlPlane } from '../../scripts/bundle.mjs';

/** The bundle's files that main.mjs loads at start: itself and what it imports statically. */
function loadedAtStart(dir: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, next] of fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/\b(?:import|export)\s*(?:[^;"'()]*?from\s*)?"\.\/([^"]+)"/g)) visit(next!);
  };
  visit('main.mjs');
  return seen;
}

describe('control-plane bundle', () => {
  it('loads the AWS SDK only with the S3 object store, from a chunk of its own', async () => {
    const main = await bundleControlPlane();
    const dir = path.dirname(main);
    const atStart = loadedAtStart(dir);
    for (const file of atStart) assert.doesNotMatch(fs.readFileSync(path.join(dir, file), 'utf8'), /from\s*"@aws-sdk\//, `${file} is loaded at start`);
    const s3 = fs.readdirSync(dir).filter((f) => !atStart.has(f) && /from\s*"@aws-sdk\/client-s3"/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    assert.equal(s3.length, 1, 'one lazily loaded chunk holds the S3 store');
    assert.match(fs.readFileSync(main, 'utf8'), new RegExp(`import\\(\\s*"\\./${s3[0]!.replace('.', '\\.')}"\\s*\\)`));
    const chunk = await import(pathToFileURL(path.join(dir, s3[0]!)).href) as { S3ObjectStore: unknown };
    assert.equal(typeof chunk.S3ObjectStore, 'function');
  });

  it('is built again only when its sources changed: an unchanged tree starts without esbuild', async () => {
    const first = await bundleControlPlane();
    let builds = 0;
    const onBuild = () => { builds++; };
    assert.equal(await bundleControlPlane({ onBuild }), first);
    assert.equal(builds, 0, 'unchanged sources: not built');
    // Which sources the last bundle came from is forgotten: built again, to the same files.
    const buildDir = path.resolve(path.dirname(first), '..');
    for (const f of fs.readdirSync(buildDir).filter((name) => name.startsWith('sources-'))) fs.rmSync(path.join(buildDir, f));
    assert.equal(await bundleControlPlane({ onBuild }), first);
    assert.equal(builds, 1);
  });
});
