#!/usr/bin/env node
// After tsc: bundle dist/cli/main.js into dist/bundle/, which the shims and
// the static init files run (cliMain() prefers it). Node's ESM loader pays
// per module: resolving ~60 files costs a deciding shim about 30 ms of CPU
// on this machine (bench/RESULTS.md). Dynamic imports stay chunks, so a
// `shell-plan` still loads nothing of doctor, execa or cosmiconfig's loaders.
// rolldown, not esbuild: it is already in the lockfile (vite's bundler), so
// no new package; the output is plain ESM either way.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'bundle');
rmSync(out, { recursive: true, force: true });
await build({
  input: join(root, 'dist', 'cli', 'main.js'),
  platform: 'node',
  // cosmiconfig's TypeScript loader imports typescript only for .ts configs.
  external: ['typescript'],
  logLevel: 'warn',
  output: { dir: out, format: 'esm', entryFileNames: 'main.js' },
});
