// What bench/run.mjs and bench/miss.mjs both stand on: pyenv's 3.12, a temp
// dir removed at exit with a HOME in it, the variables that keep pip and
// pipwarden to that HOME, and the shim harness that stops where pip would run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const NODE = process.execPath;
export const PYENV_ROOT = process.env.PYENV_ROOT ?? join(process.env.HOME ?? '/root', '.pyenv');

/**
 * A fresh world under `pipwarden-<name>-`: pyenv's newest 3.12 (`pyBin`),
 * and `baseEnv`, which points HOME, the XDG dirs, pipwarden's cache and org
 * dir into it and turns pip's config files and version check off.
 */
export function makeWorld(name) {
  const versions = readdirSync(join(PYENV_ROOT, 'versions')).sort();
  const version = versions.filter((v) => v.startsWith('3.12')).pop();
  if (!version) throw new Error(`bench needs a pyenv 3.12 under ${PYENV_ROOT}`);
  const pyBin = join(PYENV_ROOT, 'versions', version, 'bin');
  const tmp = mkdtempSync(join(tmpdir(), `pipwarden-${name}-`));
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
  const home = join(tmp, 'home');
  mkdirSync(home, { recursive: true });
  const baseEnv = {
    HOME: home,
    LANG: 'C.UTF-8',
    PIP_CONFIG_FILE: '/dev/null',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIPWARDEN_CACHE_DIR: join(home, '.cache', 'pipwarden'),
    PIPWARDEN_ORG_CONFIG_DIR: join(tmp, 'etc'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
  };
  return { versions, version, pyBin, tmp, home, baseEnv };
}

/** Run argv to exit 0 or throw naming `what`; its stdout. */
export function must(argv, env, what = 'run') {
  const r = spawnSync(argv[0], argv.slice(1), { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${what}: ${argv.join(' ')} → ${r.status}\n${r.stderr}`);
  return r.stdout;
}

/**
 * A copy of the pip shim `shim` at `file`, whose exec of the real pip is
 * `exit 0`: the shim's whole decision, up to pip. It finds the same real pip
 * and builds the same key as the shim, so it replays the same entry.
 */
export function shimHarness(shim, file) {
  const text = readFileSync(shim, 'utf8');
  if (!text.includes('exec "$_pw_x" "$@"')) throw new Error('the shim no longer execs "$_pw_x"');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text.replace('exec "$_pw_x" "$@"', 'exit 0'), { mode: 0o755 });
  return file;
}

/** CPU ms used by waited-for children so far (utime + stime; 10 ms ticks on Linux). */
export function childCpu() {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(f[13]) + Number(f[14])) * 10;
}
