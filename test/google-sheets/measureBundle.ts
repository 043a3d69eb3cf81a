/**
 * Measures the Lambda bundle of the Google Sheets sink: esbuild (JS API) bundles an entry that
 * imports the sink, minified, platform node, format esm, and prints its size. The bundle is then
 * loaded in a fresh Node process to prove it runs, and that import is timed.
 *
 * Run: export PATH=/work/main/node_modules/.bin:$PATH && node test/google-sheets/measureBundle.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const sinkModule = resolve(import.meta.dirname, '../../functions/publishing/google-sheets/GoogleSheetsSink.ts');
const sinkIndex = resolve(import.meta.dirname, '../../functions/publishing/google-sheets/index.ts');
// CommonJS dependencies (googleapis-common, gaxios) call require(); ESM output needs one.
const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

interface Variant {
  readonly name: string;
  readonly entry: string;
  readonly external: string[];
}

// The Lambda Node.js runtime ships the AWS SDK v3; CDK's NodejsFunction leaves it out by default.
const variants: Variant[] = [
  {
    name: 'publish path (createGoogleSheetsSink)',
    entry: `export { createGoogleSheetsSink } from ${JSON.stringify(sinkModule)};`,
    external: ['@aws-sdk/*'],
  },
  {
    name: 'whole google-sheets/index.ts (+ config schema, key loaders, doctor, lock), AWS SDK external',
    entry: `export * from ${JSON.stringify(sinkIndex)};`,
    external: ['@aws-sdk/*'],
  },
  {
    name: 'whole google-sheets/index.ts with the Secrets Manager client bundled',
    entry: `export * from ${JSON.stringify(sinkIndex)};`,
    external: [],
  },
];

// Inside the repo (git-ignored) so the externalised AWS SDK resolves from node_modules when loaded.
const directory = await mkdtemp(resolve(import.meta.dirname, '../../.segment-sheets-tmp-bundle-'));
try {
  for (const variant of variants) {
    const result = await build({
      stdin: { contents: variant.entry, resolveDir: import.meta.dirname, sourcefile: 'entry.ts', loader: 'ts' },
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      external: variant.external,
      banner: { js: requireShim },
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    const file = join(directory, `${variants.indexOf(variant)}.mjs`);
    await writeFile(file, code);
    const importMs = timeImport(file);
    console.log(`${variant.name}: ${code.byteLength.toLocaleString('en-US')} bytes (${gzipSync(code).byteLength.toLocaleString('en-US')} gzipped), import ${importMs.toFixed(0)} ms`);
    console.log(`  largest inputs: ${largestPackages(result.metafile).join(', ')}`);
  }
} finally {
  await rm(directory, { recursive: true, force: true });
}

/** Median of three cold imports, each in a new process. */
function timeImport(file: string): number {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(file)}); if (typeof m.createGoogleSheetsSink !== 'function') throw new Error('no sink'); console.log(performance.now() - t);`;
  const times = [0, 1, 2].map(() => Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim()));
  return times.sort((a, b) => a - b)[1] ?? Number.NaN;
}

function largestPackages(metafile: Metafile): string[] {
  const bytes = new Map<string, number>();
  for (const [path, input] of Object.entries(metafile.outputs).flatMap(([, output]) => Object.entries(output.inputs))) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const name = match?.[1] ?? 'functions/publishing (ours)';
    bytes.set(name, (bytes.get(name) ?? 0) + input.bytesInOutput);
  }
  return [...bytes.entries()]
    .sort(([, a], [, b]) => b - a)
    .slice(0, 6)
    .map(([name, size]) => `${name} ${(size / 1024).toFixed(0)} KiB`);
}
