import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShimStamp } from '../../src/core/render/shim.js';
import { MAIN, pipwarden } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { tempDir } from '../helpers/tmp.js';
import { writeExecutable } from './support/fake-shims.js';

/** PATH dirs and a pyenv root full of candidate names, some of which must not be shimmed. */
function layout() {
  const root = tempDir('pipwarden-rehash-');
  const a = join(root, 'a');
  const b = join(root, 'b');
  const other = join(root, 'other-shims');
  const pyenv = join(root, 'pyenv');
  const shims = join(root, 'shims');
  for (const d of [a, b, other, shims]) mkdirSync(d, { recursive: true });
  for (const n of ['pip', 'pip3.12', 'python3', 'python3-config', 'pip2', 'pipx', 'python2.7']) {
    writeExecutable(join(a, n), '#!/bin/sh\n');
  }
  writeFileSync(join(a, 'pip3'), '#!/bin/sh\n'); // not executable: not a command
  for (const n of ['python', 'pip3', 'python3.13']) writeExecutable(join(b, n), '#!/bin/sh\n');
  writeFileSync(join(other, '.pipwarden-shims'), '');
  writeExecutable(join(other, 'pip3.7'), '#!/bin/sh\n');
  writeExecutable(join(shims, 'python3.9'), '#!/bin/sh\n'); // a stray file in our own dir
  for (const [v, names] of [
    ['3.10.1', ['python3.10', 'pip3.10', 'python', 'pip', 'python3.10-config']],
    ['3.11.2', ['python3.11']],
  ] as const) {
    mkdirSync(join(pyenv, 'versions', v, 'bin'), { recursive: true });
    for (const n of names) writeExecutable(join(pyenv, 'versions', v, 'bin', n), '#!/bin/sh\n');
  }
  const env = (extra: Record<string, string> = {}) =>
    hermeticEnv(join(root, 'home'), {
      PATH: [shims, a, other, b, '/usr/bin', '/bin'].join(':'),
      PIPWARDEN_SHIM_DIR: shims,
      PYENV_ROOT: pyenv,
      ...extra,
    });
  return { root, a, b, shims, pyenv, env };
}

// /usr/bin and /bin hold this machine's own python3, python3.11 and friends.
const machineNames = () =>
  ['/usr/bin', '/bin'].flatMap((d) =>
    readdirSync(d).filter((n) => /^(pip|python)(3(\.\d+)?)?$/.test(n)),
  );

const EXPECTED = [
  'pip',
  'pip3',
  'pip3.10',
  'pip3.12',
  'python',
  'python3',
  'python3.10',
  'python3.11',
  'python3.13',
];

function shimNames(dir: string): string[] {
  return readdirSync(dir).filter((n) => !n.startsWith('.') && n !== 'python3.9' && n !== 'README');
}

describe('pipwarden rehash', () => {
  it('writes a stamped 0755 shim for every pip/python name on PATH and in pyenv, and nothing else', () => {
    const l = layout();
    const r = pipwarden(['rehash'], { env: l.env() });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const expected = [...new Set([...EXPECTED, ...machineNames()])].sort();
    expect(shimNames(l.shims).sort()).toEqual(expected);
    for (const name of expected) {
      const path = join(l.shims, name);
      expect(statSync(path).mode & 0o7777).toBe(0o755);
      const text = readFileSync(path, 'utf8');
      expect(parseShimStamp(text)).toMatchObject({
        name,
        kind: name.startsWith('pip') ? 'pip' : 'python',
      });
      expect(text).toContain(`_pw_node='${process.execPath}'`);
      // The bundle the build makes (scripts/bundle.mjs): what the shims run.
      expect(text).toContain(
        `_pw_main='${realpathSync(join(MAIN, '..', '..', 'bundle', 'main.js'))}'`,
      );
      expect(text).toContain(`_pw_shims='${l.shims}'`);
    }
    expect(existsSync(join(l.shims, '.pipwarden-shims'))).toBe(true);
    expect(statSync(l.shims).mode & 0o022).toBe(0);
    // Our stray non-shim file is reported, never touched.
    expect(r.stdout).toMatch(/left alone \(not ours\): python3\.9/);
    expect(readFileSync(join(l.shims, 'python3.9'), 'utf8')).toBe('#!/bin/sh\n');
  });

  it('is idempotent: a second run rewrites nothing', () => {
    const l = layout();
    expect(pipwarden(['rehash'], { env: l.env() }).status).toBe(0);
    const before = readdirSync(l.shims).map((n) => [
      n,
      statSync(join(l.shims, n)).ino,
      statSync(join(l.shims, n)).mtimeMs,
    ]);
    const r = pipwarden(['rehash'], { env: l.env() });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('written');
    const after = readdirSync(l.shims).map((n) => [
      n,
      statSync(join(l.shims, n)).ino,
      statSync(join(l.shims, n)).mtimeMs,
    ]);
    expect(after).toEqual(before);
  });

  it('removes shims whose command is gone and rewrites shims of another version', () => {
    const l = layout();
    expect(pipwarden(['rehash'], { env: l.env() }).status).toBe(0);
    rmSync(join(l.b, 'python3.13'));
    const pip3 = join(l.shims, 'pip3');
    writeFileSync(pip3, readFileSync(pip3, 'utf8').replace(/version=\S+/, 'version=0.0.1'));
    const r = pipwarden(['rehash'], { env: l.env() });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/written: pip3;/);
    expect(r.stdout).toMatch(/removed: python3\.13/);
    expect(existsSync(join(l.shims, 'python3.13'))).toBe(false);
    expect(parseShimStamp(readFileSync(pip3, 'utf8'))?.version).not.toBe('0.0.1');
  });

  it('never replaces a file it did not write, and says so', () => {
    const l = layout();
    writeExecutable(join(l.shims, 'pip3'), "#!/bin/sh\n# the user's own pip3\n");
    const r = pipwarden(['rehash'], { env: l.env() });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/shims\/pip3: not a pipwarden shim, left alone.*\npipwarden: next: /);
    expect(readFileSync(join(l.shims, 'pip3'), 'utf8')).toBe("#!/bin/sh\n# the user's own pip3\n");
    expect(parseShimStamp(readFileSync(join(l.shims, 'pip'), 'utf8'))?.name).toBe('pip');
  });

  it('refuses a world-writable shim dir and writes nothing into it', () => {
    const l = layout();
    chmodSync(l.shims, 0o777);
    const r = pipwarden(['rehash'], { env: l.env() });
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(/shim dir .* is world-writable.*\npipwarden: next: chmod 755/);
    expect(readdirSync(l.shims)).toEqual(['python3.9']);
  });

  it('stays consistent when several rehashes run at once', async () => {
    const l = layout();
    const once = () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [MAIN, 'rehash'], { env: l.env(), stdio: 'ignore' });
        child.on('exit', (code) => resolve(code));
      });
    const reference = layout();
    expect(pipwarden(['rehash', '--dir', reference.shims], { env: l.env() }).status).toBe(0);
    for (let round = 0; round < 3; round++) {
      if (round === 1) rmSync(l.shims, { recursive: true, force: true });
      const codes = await Promise.all(Array.from({ length: 6 }, once));
      expect(codes).toEqual([0, 0, 0, 0, 0, 0]);
      const names = readdirSync(l.shims).filter((n) => n !== 'python3.9');
      expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
      for (const n of shimNames(l.shims)) {
        const text = readFileSync(join(l.shims, n), 'utf8');
        const ref = readFileSync(join(reference.shims, n), 'utf8');
        expect(text).toBe(ref.replaceAll(reference.shims, l.shims));
      }
    }
  });

  it('--remove takes the shims, the marker and the dir away', () => {
    const l = layout();
    rmSync(join(l.shims, 'python3.9'));
    expect(pipwarden(['rehash'], { env: l.env() }).status).toBe(0);
    const r = pipwarden(['rehash', '--remove'], { env: l.env() });
    expect(r.status).toBe(0);
    expect(existsSync(l.shims)).toBe(false);
  });

  it('--remove keeps a dir that holds files that are not ours', () => {
    const l = layout();
    expect(pipwarden(['rehash'], { env: l.env() }).status).toBe(0);
    const r = pipwarden(['rehash', '--remove'], { env: l.env() });
    expect(r.status).toBe(0);
    expect(readdirSync(l.shims)).toEqual(['python3.9']);
  });

  it('defaults to <XDG data>/pipwarden/shims and honours --dir', () => {
    const l = layout();
    const data = join(l.root, 'xdg-data');
    const env = l.env({ XDG_DATA_HOME: data });
    delete env.PIPWARDEN_SHIM_DIR;
    expect(pipwarden(['rehash'], { env }).status).toBe(0);
    expect(existsSync(join(data, 'pipwarden', 'shims', 'pip'))).toBe(true);
    expect(pipwarden(['rehash', '--dir', 'rel'], { env, cwd: l.root }).status).toBe(0);
    expect(existsSync(join(l.root, 'rel', 'pip'))).toBe(true);
  });

  it('rejects arguments it does not know', () => {
    const l = layout();
    expect(pipwarden(['rehash', 'now'], { env: l.env() }).status).toBe(64);
    expect(pipwarden(['rehash', '--force'], { env: l.env() }).status).toBe(64);
  });
});
