import { execFile, execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { pipWheel, venvWithPipWheel } from '../../helpers/pip-wheels.js';
import { pyenvPython } from '../../helpers/pythons.js';
import { makeVenv } from '../../helpers/venv.js';
import { makeWholeEnv } from '../../helpers/whole-env.js';
import { ENV_KINDS, type EnvKind } from './space.js';

const run = promisify(execFile);

/**
 * Each kind's env, made once per run and copied for every scenario (and
 * every pass of it). A copy must behave like an env made in place: a venv's
 * and pip's console scripts name their interpreter by absolute path in the
 * shebang, so the copy's are rewritten (as new files: the copy of a whole
 * interpreter hard-links the standard library, never site-packages or bin).
 */
export interface Template {
  /** Where it was made; a copy keeps the path below the env's root. */
  dir: string;
  /** Whole interpreters hard-link everything but bin/ and site-packages. */
  whole: boolean;
}

/** The interpreter each kind needs (null: not on this machine). */
export function kindPython(kind: EnvKind): string | null {
  if (kind.startsWith('debian')) return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : null;
  return pyenvPython(ENV_KINDS[kind].minor);
}

/** Which template a kind copies (debian kinds copy none). */
export function templateName(kind: EnvKind): string | null {
  if (kind.startsWith('debian')) return null;
  if (kind.startsWith('plain')) return 'plain';
  return kind;
}

export async function makeTemplate(name: string, root: string): Promise<Template> {
  const dir = join(root, name);
  const env = { PATH: '/usr/bin:/bin', HOME: root, PYTHONDONTWRITEBYTECODE: '1' };
  if (name === 'plain' || name === 'outer') {
    makeWholeEnv(pyenvPython('3.12') as string, dir, { kind: 'plain', pip: true });
    return open({ dir, whole: true });
  }
  const kind = name as EnvKind;
  const python = kindPython(kind) as string;
  if (kind.startsWith('conda') || kind.startsWith('pixi')) {
    makeWholeEnv(python, dir, {
      kind: kind.startsWith('pixi') ? 'pixi' : 'conda',
      pip: kind.endsWith('-pip'),
    });
    return open({ dir, whole: true });
  }
  if (kind === 'venv-pip26') {
    const wheel = pipWheel('26.2.1').wheel as string;
    await run(python, ['-m', 'venv', '--without-pip', dir], { env });
    await venvWithPipWheel(python, wheel, dir, env);
    return open({ dir, whole: false });
  }
  makeVenv(python, dir, { systemSitePackages: kind === 'venv-ssp' });
  return open({ dir, whole: false });
}

/**
 * pyenv links its interpreters with RUNPATH `<pyenv version>/lib`, under
 * /root (mode 0700 here): nobody cannot load libpython through it. A conda
 * env's python finds it at `$ORIGIN/../lib`; so does the copy, by rewriting
 * the RUNPATH string in place (shorter, NUL-padded: no other byte moves).
 */
function relinkToOrigin(prefix: string): void {
  const bin = join(prefix, 'bin');
  for (const name of readdirSync(bin)) {
    const file = join(bin, name);
    if (!/^python\d\.\d+$/.test(name) || lstatSync(file).isSymbolicLink()) continue;
    const data = readFileSync(file);
    const old = Buffer.from(`${realLib(file)}\0`);
    const at = data.indexOf(old);
    if (at < 0) continue;
    const repl = Buffer.alloc(old.length);
    repl.write('$ORIGIN/../lib');
    repl.copy(data, at);
    writeFileSync(file, data);
  }
}

function realLib(python: string): string {
  const out = execFileSync('readelf', ['-d', python], { encoding: 'utf8' });
  return /R(?:UN)?PATH\)\s+Library r(?:un)?path: \[([^\]]+)\]/.exec(out)?.[1] ?? '\0none';
}

function open(t: Template): Template {
  if (t.whole) relinkToOrigin(t.dir);
  // Compiled once here, so no call in a copy compiles pip again (the copies keep mtimes).
  const python = join(t.dir, 'bin', 'python');
  const site = siteDirs(t.dir);
  if (site.length) {
    spawnSync(python, ['-m', 'compileall', '-q', ...site], {
      env: { PATH: '/usr/bin:/bin' },
      stdio: 'ignore',
    });
  }
  execFileSync('chmod', ['-R', 'a+rX', t.dir]);
  return t;
}

/** A fresh copy of `t` at `dest`, as if the env had been made there. */
export async function copyTemplate(t: Template, dest: string): Promise<void> {
  mkdirSync(dirname(dest), { recursive: true });
  if (t.whole) {
    await run('cp', ['-al', t.dir, dest]);
    for (const site of siteDirs(dest)) {
      rmSync(site, { recursive: true, force: true });
      await run('cp', ['-a', join(t.dir, site.slice(dest.length)), site]);
    }
    // bin/ is rewritten below; unlink first so the template's inodes stay as they are.
    const bin = join(dest, 'bin');
    rmSync(bin, { recursive: true, force: true });
    await run('cp', ['-a', join(t.dir, 'bin'), bin]);
  } else {
    await run('cp', ['-a', t.dir, dest]);
  }
  rewriteShebangs(join(dest, 'bin'), t.dir, dest);
  // Every pass sees the same mtimes (the plan cache checks them): the
  // template's, also on the dirs the steps above changed.
  for (const dir of [dest, join(dest, 'bin'), ...siteDirs(dest).map(dirname)]) {
    const st = statSync(join(t.dir, dir.slice(dest.length)));
    utimesSync(dir, st.atime, st.mtime);
  }
}

function siteDirs(prefix: string): string[] {
  const lib = join(prefix, 'lib');
  return readdirSync(lib)
    .filter((d) => d.startsWith('python'))
    .map((d) => join(lib, d, 'site-packages'))
    .filter(existsSync);
}

function rewriteShebangs(bin: string, from: string, to: string): void {
  for (const name of readdirSync(bin)) {
    const file = join(bin, name);
    const st = lstatSync(file);
    if (!st.isFile()) continue;
    const text = readFileSync(file, 'latin1');
    if (!text.startsWith(`#!${from}/`)) continue;
    rmSync(file);
    writeFileSync(file, `#!${to}/${text.slice(from.length + 3)}`, 'latin1');
    chmodSync(file, st.mode & 0o7777);
    utimesSync(file, st.atime, st.mtime);
  }
}
