// `npm start` runs the control plane as one JavaScript file, bundled from src/ by esbuild (the
// compiler tsx itself uses) in well under a second. Loading the TypeScript through tsx's module
// hooks instead costs a second V8 isolate for the hooks and a transform per file: idle RSS
// 164 MiB against 87 MiB bundled, and a slower start (issue 13, bench/RESULTS.md).
// The file is named by a hash of its contents, written once (atomically, so concurrent starts
// agree) into <repo>/.build/. Packages stay in node_modules (external). Each source file keeps
// its own import.meta.url and import.meta.dirname (written in as its real location), so paths a
// module derives from where it lives (src/config.ts's repository root) stay right in the bundle.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './setup.mjs';

const keepFileLocations = {
  name: 'keep-file-locations',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const contents = source
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: 'ts' };
    });
  },
};

export async function bundleControlPlane() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'src', 'main.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20',
    packages: 'external', write: false, logLevel: 'warning', plugins: [keepFileLocations],
  });
  // esbuild's service process is not needed again.
  await esbuild.stop();
  const code = result.outputFiles[0].contents;
  const dir = path.join(ROOT, '.build');
  const file = path.join(dir, `main-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, file);
  }
  return file;
}
