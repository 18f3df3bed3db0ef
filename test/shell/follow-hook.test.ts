import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipwarden, runCommand } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { needs } from '../helpers/prereq.js';
import { tempDir } from '../helpers/tmp.js';
import { installedIn } from '../helpers/venv.js';
import { buildWheel } from '../helpers/wheel.js';
import { makeWholeEnv } from '../helpers/whole-env.js';
import { writeExecutable } from './support/fake-shims.js';
import { fastVenv } from './support/fast-venv.js';
import { startShell } from './support/interactive.js';
import { BASH32_DIR } from './support/shells.js';
import type { ShellName } from './support/tmux.js';
import type { ShellWorld } from './support/world.js';
import { basePython } from './support/world.js';

// Issue 18 item 7: the shims were written from a PATH with python3 and no
// python. In an interactive shell, a venv's activate puts `python` on PATH:
// at the next prompt the hook gives it a follow shim (rehash --follow, Node
// once), so `python -m pip` is routed; after deactivate `command -v python`
// fails again, as it would without pipwarden.

const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

function world(shimDirName = 'shims') {
  const root = tempDir('pipwarden-follow-hook-');
  const home = join(root, 'home');
  const shims = join(root, shimDirName);
  const base = join(root, 'base');
  mkdirSync(base, { recursive: true });
  // python3 and nothing else: Debian's /usr/bin, or pyenv's bin dir with python hidden.
  symlinkSync(basePython(), join(base, 'python3'));
  const wheels = join(root, 'wheels');
  mkdirSync(wheels);
  buildWheel(wheels, 'pwfollow', '0.1');
  const venv = fastVenv(basePython(), join(root, 'venv'));
  const env = hermeticEnv(home, {
    PATH: `${base}:/usr/bin:/bin`,
    PIPWARDEN_SHIM_DIR: shims,
    PIPWARDEN_CACHE_DIR: join(home, '.cache', 'pipwarden'),
    PIPWARDEN_ORG_CONFIG_DIR: join(root, 'etc-pipwarden'),
  });
  const r = pipwarden(['rehash'], { env });
  if (r.status !== 0) throw new Error(r.stderr);
  // Counts the hook's Node runs, then runs the real one.
  const log = join(root, 'node-runs');
  const counter = join(root, 'count-node');
  writeExecutable(
    counter,
    `#!/bin/sh\nm=$1\nshift\necho "$*" >> ${q(log)}\nexec ${q(process.execPath)} "$m" "$@"\n`,
  );
  // Names the hook must pass over (toolOf refuses them) beside one it takes.
  const extra = join(root, 'extra');
  mkdirSync(extra);
  for (const n of [
    'pip3.99',
    'python3.12-config',
    'python3.',
    'pythonw',
    'PIP',
    'pip2',
    'pip3.1a',
  ]) {
    writeExecutable(join(extra, n), '#!/bin/sh\n');
  }
  const w = { root, home } as ShellWorld;
  return { w, root, shims, base, venv, env, log, counter, extra, wheels };
}

const runs = (log: string) => {
  try {
    return readFileSync(log, 'utf8').trim().split('\n');
  } catch {
    return [];
  }
};

describe.each<ShellName>(['bash', 'zsh', 'fish'])('%s: shims follow the names on PATH', (shell) => {
  it('a venv`s python is routed through a follow shim while active, and gone after deactivate; Node runs once per new name', async () => {
    const t = world();
    const sh = startShell(shell, t.w, t.env);
    await sh.ready();
    const set = (name: string, value: string) =>
      shell === 'fish' ? `set -g ${name} ${q(value)}` : `${name}=${q(value)}`;
    expect((await sh.run(set('__pipwarden_node', t.counter))).status).toBe(0);

    let r = await sh.run('command -v python');
    expect(r.status).not.toBe(0);

    const activate = shell === 'fish' ? 'activate.fish' : 'activate';
    expect((await sh.run(`source ${q(join(t.venv, 'bin', activate))}`)).status).toBe(0);
    r = await sh.run('command -v python');
    expect(r.output).toContain(`${t.shims}/.follow/python/python`);
    // pip alone refuses user mode in a venv; routed, pipwarden installs into the venv.
    const pip = `python -m pip install --no-index --find-links ${q(t.wheels)} pwfollow`;
    r = await sh.run(shell === 'fish' ? `env PIP_USER=1 ${pip}` : `PIP_USER=1 ${pip}`);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toMatch(/^pipwarden: installing into the venv /m);
    expect(installedIn(t.venv, 'pwfollow')).toBe(true);
    const shim = join(t.shims, '.follow', 'python', 'python');
    const mtime = statSync(shim).mtimeMs;

    expect((await sh.run('deactivate')).status).toBe(0);
    r = await sh.run('command -v python');
    expect(r.status).not.toBe(0);
    r = await sh.run(shell === 'fish' ? 'string join : $PATH' : 'echo "$PATH"');
    expect(r.output).not.toContain('.follow');

    // Again: the follow dir is there, so no Node and no write.
    expect((await sh.run(`source ${q(join(t.venv, 'bin', activate))}`)).status).toBe(0);
    r = await sh.run('command -v python');
    expect(r.output).toContain(`${t.shims}/.follow/python/python`);
    expect((await sh.run('deactivate')).status).toBe(0);
    expect(statSync(shim).mtimeMs).toBe(mtime);
    const first = runs(t.log);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(new RegExp(`^rehash --dir ${t.shims} --follow .*\\bpython\\b`));

    // A rehash that fails (a planted .follow link): one line, and never again for that name.
    rmSync(join(t.shims, '.follow'), { recursive: true });
    symlinkSync(join(t.root, 'nowhere'), join(t.shims, '.follow'));
    const prepend =
      shell === 'fish' ? `set -gx PATH ${q(t.extra)} $PATH` : `export PATH=${q(t.extra)}:"$PATH"`;
    expect((await sh.run(prepend)).status).toBe(0);
    const append = shell === 'fish' ? 'set -gx PATH $PATH /nonexistent' : 'PATH=$PATH:/nonexistent';
    expect((await sh.run(append)).status).toBe(0);
    await sh.ready();
    const all = runs(t.log);
    expect(all).toHaveLength(2);
    // Only the name toolOf accepts: the hook's pattern is toolOf's.
    expect(all[1]).toBe(`rehash --dir ${t.shims} --follow pip3.99`);
    const failed = sh
      .screen()
      .match(/pipwarden: no follow shim for pip3\.99 .*next: pipwarden rehash --follow pip3\.99/g);
    expect(failed).toHaveLength(1);
  });
});

/** The hook as a prompt would run it, in `bash` given as a path: source the static init, change PATH, call it. */
function hookScript(
  t: ReturnType<typeof world>,
  shell: 'bash' | 'zsh' | 'fish',
  lines: string[],
): string {
  const init = join(t.root, 'home', '.local', 'share', 'pipwarden', 'init', `init.${shell}`);
  const fish = shell === 'fish';
  return [
    fish ? `source ${q(init)}; or exit 9` : `. ${q(init)} || exit 9`,
    fish ? `set -g __pipwarden_node ${q(t.counter)}` : `__pipwarden_node=${q(t.counter)}`,
    `source ${q(join(t.venv, 'bin', fish ? 'activate.fish' : 'activate'))}`,
    '__pipwarden_path',
    ...lines,
  ].join('\n');
}

describe('the follow step in bash 3.2, and for root with a user`s shim dir', () => {
  const bash32 = join(BASH32_DIR, 'bash');
  it.skipIf(needs('GNU bash 3.2', existsSync(bash32)))('bash 3.2 follows a venv`s python', () => {
    const t = world();
    const r = runCommand([bash32, '-c', hookScript(t, 'bash', ['command -v python'])], {
      env: t.env,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`${t.shims}/.follow/python/python`);
    expect(r.stderr).toBe('');
    expect(runs(t.log)).toHaveLength(1);
  });

  it.each(['bash', 'zsh', 'fish'] as const)(
    '%s: root with a user-owned shim dir puts nothing new on PATH and runs no Node',
    (shell) => {
      const t = world();
      // The user's shim dir, reached by root with that user's HOME (sudo -E).
      execFileSync('chown', ['-R', 'nobody:nogroup', t.shims]);
      const path = shell === 'fish' ? 'string join : $PATH' : 'echo "$PATH"';
      const r = runCommand([shell, '-c', hookScript(t, shell, ['command -v python', path])], {
        env: t.env,
      });
      expect(r.status, r.stderr).toBe(0);
      // The venv's own python, as without the hook: root writes nothing of the user's.
      expect(r.stdout).toContain(`${t.venv}/bin/python\n`);
      expect(r.stdout).not.toContain('.follow');
      expect(r.stderr).toBe('');
      expect(runs(t.log)).toEqual([]);
      expect(existsSync(join(t.shims, '.follow'))).toBe(false);
    },
  );

  it.each(['bash', 'zsh', 'fish'] as const)(
    '%s: a shim dir with quotes, spaces and glob characters is matched literally',
    (shell) => {
      const t = world("it's a [x]* dir");
      const path = shell === 'fish' ? 'string join : $PATH' : 'echo "$PATH"';
      const lines = ['command -v python', 'deactivate', '__pipwarden_path', path];
      const r = runCommand([shell, '-c', hookScript(t, shell, lines)], { env: t.env });
      expect(r.status, r.stderr).toBe(0);
      const [python, after] = r.stdout.trim().split('\n');
      expect(python).toBe(`${t.shims}/.follow/python/python`);
      // Once, first, and no follow dir left.
      expect(after?.split(':')).toEqual([
        t.shims,
        t.base,
        '/usr/bin',
        '/bin',
        join(t.root, 'home', '.local', 'share', 'pipwarden', 'bin'),
      ]);
    },
  );

  it('a conda env (a whole interpreter) found by python: routed once the hook follows it', () => {
    const t = world();
    const conda = makeWholeEnv(basePython(), join(t.root, 'conda'), { kind: 'conda' });
    // A config only the engine reads: a routed install stops with 78 (unrouted, this env
    // without pip would end in python's "No module named pip", 1).
    mkdirSync(join(t.root, 'home', '.config', 'pipwarden'), { recursive: true });
    writeFileSync(
      join(t.root, 'home', '.config', 'pipwarden', 'config.yaml'),
      'onNotWritable: usr\n',
    );
    const init = join(t.root, 'home', '.local', 'share', 'pipwarden', 'init', 'init.bash');
    const script = [
      `. ${q(init)} || exit 9`,
      ...Object.entries(conda.activation).map(([k, v]) => `export ${k}=${q(v)}`),
      `PATH=${q(join(conda.prefix, 'bin'))}:$PATH`,
      // Before the next prompt: the env's own python, unrouted.
      'command -v python',
      '__pipwarden_path',
      'command -v python',
      `python -m pip install --no-index --find-links ${q(t.wheels)} pwfollow`,
      'echo "rc=$?"',
    ].join('\n');
    const r = runCommand(['bash', '-c', script], { env: t.env });
    const [before, after] = r.stdout.split('\n');
    expect(before).toBe(join(conda.prefix, 'bin', 'python'));
    expect(after).toBe(`${t.shims}/.follow/python/python`);
    expect(r.stdout).toContain('rc=78');
    expect(r.stderr).toContain('onNotWritable');
    expect(existsSync(join(conda.sitePackages, 'pwfollow'))).toBe(false);
  });
});
