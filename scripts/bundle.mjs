#!/usr/bin/env node
// After tsc: bundle dist/cli/main.js into dist/bundle/, which the shims and
// the static init files run (cliMain() prefers it). Node's module loaders
// pay per file (resolving, stat, realpath, compiling), so the bundle is few
// files, and Dynamic imports stay chunks, so a `shell-plan` still loads
// nothing of doctor, execa or cosmiconfig's loaders.
//
// The output is CommonJS (dist/bundle/package.json says so) and its entry,
// dist/bundle/main.js, is scripts/bundle-main.cjs: a loader that compiles each
// file with V8's code cache. A warm-up run of the engine below writes the
// cache (`<file>.v8`); bench/LEVERS.md has what each step gave.
// rolldown, not esbuild: it is already in the lockfile (vite's bundler), so
// no new package.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
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
  output: {
    dir: out,
    format: 'cjs',
    entryFileNames: 'engine.js',
    chunkFileNames: '[name]-[hash].js',
  },
});
writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
copyFileSync(join(root, 'scripts', 'bundle-main.cjs'), join(out, 'main.js'));
warmUp();

/**
 * Run the engine's hot path (the decisions a shim asks for) so the loader
 * writes V8's code cache for what those runs compiled. Hermetic: a temp HOME
 * and cache dirs, no pip config, nothing of the builder's environment but
 * PATH. Best effort: without a python3 on PATH only the start-up is cached.
 */
function warmUp() {
  const tmp = mkdtempSync(join(tmpdir(), 'pipwarden-warm-'));
  try {
    const home = join(tmp, 'home');
    mkdirSync(home);
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      LANG: 'C.UTF-8',
      PIP_CONFIG_FILE: '/dev/null',
      PIPWARDEN_CACHE_DIR: join(home, 'cache'),
      PIPWARDEN_SHIM_DIR: join(tmp, 'shims'),
      PIPWARDEN_ORG_CONFIG_DIR: join(tmp, 'etc'),
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_DATA_HOME: join(home, 'data'),
      XDG_STATE_HOME: join(home, 'state'),
      PIPWARDEN_BUILD_CODE_CACHE: out,
    };
    const python = (env.PATH ?? '')
      .split(delimiter)
      .map((dir) => join(dir, 'python3'))
      .find((p) => spawnSync(p, ['-c', ''], { stdio: 'ignore' }).status === 0);
    const runs = [['--version']];
    if (python) {
      // A venv-shaped prefix (pyvenv.cfg, bin/python) with a pip script:
      // enough for the engine to decide; nothing is installed or run.
      const venv = join(tmp, 'venv');
      mkdirSync(join(venv, 'bin'), { recursive: true });
      symlinkSync(python, join(venv, 'bin', 'python'));
      writeFileSync(join(venv, 'pyvenv.cfg'), `home = ${dirname(python)}\n`);
      const pip = join(venv, 'bin', 'pip');
      writeFileSync(pip, `#!${join(venv, 'bin', 'python')}\n`, { mode: 0o755 });
      const plan = (...args) => ['shell-plan', '--real', pip, '--name', 'pip', '--', ...args];
      runs.push(plan('install', 'x'), plan('install', '--user', 'x'), plan('list'), [
        'explain',
        '--',
        'pip',
        'install',
        'x',
      ]);
      env.VIRTUAL_ENV = venv;
      env.PATH = `${join(venv, 'bin')}${delimiter}${env.PATH}`;
    }
    for (const args of runs) {
      spawnSync(process.execPath, [join(out, 'main.js'), ...args], {
        env: {
          ...env,
          _PIPWARDEN_PLAN_FILE: join(tmp, 'plans', 'pip.0'),
          _PIPWARDEN_PLAN_KEY: 'w',
        },
        cwd: tmp,
        stdio: 'ignore',
      });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
