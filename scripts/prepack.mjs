#!/usr/bin/env node
// `npm pack` and `npm publish` (and npm's install from a git URL, which
// packs): build first, so the tarball carries dist/. Without this, a fresh
// clone packed a tarball with no dist/, its bin target missing, and npm
// then links no bin at all: `npm i -g` "succeeds" with no P/bin.
// A fresh clone has no node_modules yet: install the locked dev tools
// (tsc, rolldown) first. dist/ is built anew, so no file of an older
// build (a module since renamed) rides along.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];

function run(argv) {
  const [cmd, ...args] = [...npm, ...argv];
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    process.stderr.write(
      `pipwarden prepack: npm ${argv.join(' ')} failed; fix that, then npm pack again\n`,
    );
    process.exit(1);
  }
}

if (!existsSync(join(root, 'node_modules', 'typescript'))) run(['ci', '--no-audit', '--no-fund']);
rmSync(join(root, 'dist'), { recursive: true, force: true });
run(['run', 'build']);
// package.json's bin: npm sets the mode on install, but a plain copy of the
// package (install-system.sh's, a .deb's) keeps the one packed here.
chmodSync(join(root, 'dist', 'cli', 'main.js'), 0o755);
