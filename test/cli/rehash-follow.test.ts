import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShimStamp } from '../../src/core/render/shim.js';
import { openForNobody, pipwarden } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { tempDir } from '../helpers/tmp.js';
import { writeExecutable } from '../shell/support/fake-shims.js';

// `rehash --follow NAME…` (issue 18 item 7): a shim in `.follow/NAME/` for a
// name the last full rehash did not see, which the prompt hook puts on PATH
// only while NAME is on PATH further on.

/** A shim dir written from a PATH with python3 only; `venv` has python and pip3.12 too. */
function world() {
  const root = tempDir('pipwarden-follow-');
  openForNobody(root);
  const base = join(root, 'base');
  const venv = join(root, 'venv', 'bin');
  const shims = join(root, 'shims');
  mkdirSync(base, { recursive: true });
  mkdirSync(venv, { recursive: true });
  writeExecutable(join(base, 'python3'), '#!/bin/sh\n');
  for (const n of ['python', 'python3', 'pip3.12']) writeExecutable(join(venv, n), '#!/bin/sh\n');
  const env = (path: string) =>
    hermeticEnv(join(root, 'home'), { PATH: path, PIPWARDEN_SHIM_DIR: shims });
  const r = pipwarden(['rehash'], { env: env(`${base}:/nonexistent`) });
  if (r.status !== 0) throw new Error(r.stderr);
  return { root, base, venv, shims, env, withVenv: env(`${shims}:${venv}:${base}`) };
}

const follow = (shims: string, n: string) => join(shims, '.follow', n, n);

describe('pipwarden rehash --follow', () => {
  it('writes a marked follow dir for each name on PATH with no shim, stamped like a main shim', () => {
    const w = world();
    const r = pipwarden(['rehash', '--follow', 'python', 'pip3.12'], { env: w.withVenv });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('written: python pip3.12');
    for (const n of ['python', 'pip3.12']) {
      const text = readFileSync(follow(w.shims, n), 'utf8');
      expect(parseShimStamp(text)?.name).toBe(n);
      expect(statSync(follow(w.shims, n)).mode & 0o777).toBe(0o755);
      expect(existsSync(join(w.shims, '.follow', n, '.pipwarden-shims'))).toBe(true);
    }
    // The main dir is untouched: a shell without python still has none.
    expect(readdirSync(w.shims).sort()).toEqual(['.follow', '.pipwarden-shims', 'python3']);
    // A full rehash does not call .follow a stray, and keeps it.
    const full = pipwarden(['rehash'], { env: w.env(w.base) });
    expect(full.status, full.stderr).toBe(0);
    expect(full.stdout).not.toContain('not ours');
    expect(existsSync(follow(w.shims, 'python'))).toBe(true);
  });

  it.each([
    ['a/python', /"a\/python" is not a pip or python command name/],
    ['..', /"\.\." is not a pip or python command name/],
    ['python3.12-config', /"python3\.12-config" is not a pip or python command name/],
    ['pip2', /"pip2" is not/],
  ])('refuses %s with one line and exit 64, writing nothing', (name, message) => {
    const w = world();
    const r = pipwarden(['rehash', '--follow', 'python', name], { env: w.withVenv });
    expect(r.status).toBe(64);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(w.shims, '.follow'))).toBe(false);
  });

  it('needs a NAME, and a dir a full rehash made', () => {
    const w = world();
    let r = pipwarden(['rehash', '--follow'], { env: w.withVenv });
    expect(r.status).toBe(64);
    expect(r.stderr).toContain('rehash --follow: no NAME given');
    const other = join(w.root, 'other');
    mkdirSync(other);
    r = pipwarden(['rehash', '--dir', other, '--follow', 'python'], { env: w.withVenv });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain(`${other} is not a pipwarden shim dir (no .pipwarden-shims in it)`);
    expect(readdirSync(other)).toEqual([]);
  });

  it('writes nothing for a name not on PATH, only in a relative PATH entry, or with a main shim', () => {
    const w = world();
    // `venv/bin` relative to the cwd: a cloned tree could supply it.
    const env = w.env(`${w.shims}:venv/bin:${w.base}`);
    const r = pipwarden(['rehash', '--follow', 'python', 'pip3', 'python3'], { env, cwd: w.root });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('python is not on PATH');
    expect(r.stderr).toContain('pip3 is not on PATH');
    expect(r.stdout).toContain(`python3 has a shim in ${w.shims} already`);
    expect(existsSync(join(w.shims, '.follow', 'python'))).toBe(false);
    expect(existsSync(join(w.shims, '.follow', 'python3'))).toBe(false);
  });

  it('refuses to write through a symlinked .follow or follow dir', () => {
    const w = world();
    const elsewhere = join(w.root, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(w.shims, '.follow'));
    let r = pipwarden(['rehash', '--follow', 'python'], { env: w.withVenv });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain(`${join(w.shims, '.follow')} is a symlink`);
    expect(readdirSync(elsewhere)).toEqual([]);

    const w2 = world();
    mkdirSync(join(w2.shims, '.follow'));
    symlinkSync(elsewhere, join(w2.shims, '.follow', 'python'));
    r = pipwarden(['rehash', '--follow', 'python'], { env: w2.withVenv });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain(`${join(w2.shims, '.follow', 'python')} is a symlink`);
    expect(readdirSync(elsewhere)).toEqual([]);
    // A full rehash leaves the planted link alone too, and says so.
    r = pipwarden(['rehash'], { env: w2.env(w2.base) });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('left alone (not ours): .follow/python');
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('never replaces a file in a follow dir that is not a shim of ours', () => {
    const w = world();
    mkdirSync(join(w.shims, '.follow', 'python'), { recursive: true });
    writeFileSync(follow(w.shims, 'python'), 'mine\n');
    const r = pipwarden(['rehash', '--follow', 'python'], { env: w.withVenv });
    expect(r.stderr).toContain('not a pipwarden shim, left alone');
    expect(readFileSync(follow(w.shims, 'python'), 'utf8')).toBe('mine\n');
  });

  it('as nobody, a root-owned shim dir is refused with one line', () => {
    const w = world();
    const env = w.env(`${w.shims}:${w.venv}:${w.base}:/usr/bin:/bin`);
    const r = pipwarden(['rehash', '--follow', 'python'], { env, asNobody: true });
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(/^pipwarden: .*belongs to uid 0|cannot create/m);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(existsSync(join(w.shims, '.follow'))).toBe(false);
  });

  it('a full rehash refreshes follow shims, drops one whose name is now a main shim, and --remove removes them', () => {
    const w = world();
    pipwarden(['rehash', '--follow', 'python', 'pip3.12'], { env: w.withVenv });
    // An older pipwarden wrote this one.
    const old = readFileSync(follow(w.shims, 'pip3.12'), 'utf8').replace(
      /version=\S+/,
      'version=0.0.1',
    );
    writeFileSync(follow(w.shims, 'pip3.12'), old);
    // PATH now has python in a plain dir: the full rehash gives it a main shim.
    const plain = join(w.root, 'plain');
    mkdirSync(plain);
    writeExecutable(join(plain, 'python'), '#!/bin/sh\n');
    const r = pipwarden(['rehash'], { env: w.env(`${plain}:${w.base}`) });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(w.shims, 'python'))).toBe(true);
    expect(existsSync(join(w.shims, '.follow', 'python'))).toBe(false);
    expect(readFileSync(follow(w.shims, 'pip3.12'), 'utf8')).not.toContain('version=0.0.1');

    const gone = pipwarden(['rehash', '--remove'], { env: w.env(w.base) });
    expect(gone.status, gone.stderr).toBe(0);
    expect(existsSync(w.shims)).toBe(false);
  });

  it('user list --python python looks past follow dirs on PATH, as the shims do', () => {
    const w = world();
    const dir = join(w.shims, '.follow', 'python');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.pipwarden-shims'), '');
    const mark = join(w.root, 'ran-follow-python');
    writeExecutable(join(dir, 'python'), `#!/bin/sh\n: > '${mark}'\nexit 1\n`);
    const env = w.env(`${w.shims}:${dir}:${w.venv}:${w.base}`);
    pipwarden(['user', 'list', '--python', 'python'], { env });
    expect(existsSync(mark)).toBe(false);
  });
});
