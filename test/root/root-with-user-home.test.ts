import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lchownSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainForNobody } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';
import { tempDir } from '../helpers/tmp.js';
import { installedIn } from '../helpers/venv.js';
import { buildWheel } from '../helpers/wheel.js';
import { fastVenv } from '../shell/support/fast-venv.js';
import { giveToUser, listing, rootOwned, rootSuitePrereqs, USER_UID } from './support.js';

// Threat model row "root with a user's HOME" (docs/security.md): `sudo -E`,
// a sudo that keeps HOME, and `su` without `-` run root with HOME (and the
// XDG dirs) of the user who called it. That user controls everything in it.
// Root must not write through the user's symlinks, leave root-owned files in
// that HOME, or trust what the user put there. Each run below is real root
// through real sudo and su, running real pip through the user's own shims;
// a before/after listing (inode, owner, mode, mtime, size) of the HOME and
// of the canaries the traps point at must be equal.

const why = rootSuitePrereqs();
if (why !== null && process.env.CI === 'true') {
  throw new Error(`root suite: missing prerequisite: ${why}`);
}
if (why !== null) console.warn(`root suite skipped: ${why}`);

interface World {
  root: string;
  home: string;
  canary: string;
  rootHome: string;
  venv: string;
  shims: string;
  env: Record<string, string>;
  wheels: string;
}

/** A user's HOME with the user's own shims, primed by the user's own pip calls. */
function world(): World {
  const root = tempDir('pipwarden-root-home-');
  chmodSync(root, 0o755);
  const home = join(root, 'home');
  const canary = join(root, 'canary');
  const rootHome = join(root, 'root-home');
  mkdirSync(home);
  mkdirSync(canary);
  mkdirSync(rootHome, { mode: 0o700 });
  writeFileSync(join(canary, 'file'), 'canary\n');
  mkdirSync(join(canary, 'dir'));
  const wheels = join(root, 'wheels');
  mkdirSync(wheels);
  buildWheel(wheels, 'pwdemo', '0.1');
  // Debian's Python: pyenv's lives under /root, which the user cannot reach.
  const venv = fastVenv(DEBIAN_PYTHON, join(root, 'venv'));
  const org = join(root, 'org');
  mkdirSync(org);
  // No env for Debian's pip: refused, so the decision leaves an audit record.
  writeFileSync(join(org, 'config.yaml'), 'onNoEnv: { action: refuse, message: "venvs only" }\n');
  giveToUser(home);
  const shims = join(home, '.local', 'share', 'pipwarden', 'shims');
  const env = hermeticEnv(home, {
    PATH: `${shims}:${join(venv, 'bin')}:/usr/bin:/bin`,
    PIPWARDEN_ORG_CONFIG_DIR: org,
    XDG_STATE_HOME: join(home, '.local', 'state'),
    SHELL: '/bin/sh',
  });
  const w = { root, home, canary, rootHome, venv, shims, env, wheels };
  // The user's own shims and state: rehash and two calls of each kind, as the user.
  const rehash = asUser(w, [process.execPath, mainForNobody(), 'rehash'], {
    PATH: `${join(venv, 'bin')}:/usr/bin:/bin`,
  });
  expect(rehash.status, rehash.stderr).toBe(0);
  for (let i = 0; i < 2; i++) {
    const own = asUser(w, ['pip', ...dryRun(w)]);
    expect(own.stdout, own.stderr).toContain('Would install pwdemo-0.1');
    expect(
      asUser(w, ['pip3', 'install', 'pwdemo'], { PATH: `${shims}:/usr/bin:/bin` }).status,
    ).toBe(77);
  }
  return w;
}

function dryRun(w: World): string[] {
  return ['install', '--dry-run', '--no-index', '--find-links', w.wheels, 'pwdemo'];
}

function asUser(w: World, argv: string[], extra: Record<string, string> = {}) {
  return spawnSync(
    'setpriv',
    ['--reuid=nobody', '--regid=nogroup', '--clear-groups', '--', ...argv],
    {
      env: { ...w.env, ...extra },
      cwd: w.root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

/** How each actor starts root with the user's HOME, around `env VAR=… cmd`. */
const ACTORS: Record<string, (inner: string[]) => string[]> = {
  // Keeps the whole environment, HOME and the XDG dirs with it.
  'sudo -E': (inner) => ['sudo', '-E', ...inner],
  // env_keep+=HOME (and the default secure_path); the rest of the env is set by `env`.
  'sudo keeping HOME': (inner) => ['sudo', '--preserve-env=HOME', ...inner],
  // su without `-` keeps the environment: -m says so whatever the build's default.
  'su without -': (inner) => [
    'su',
    '-m',
    'root',
    '-s',
    '/bin/sh',
    '-c',
    'exec "$0" "$@"',
    '--',
    ...inner,
  ],
};

/**
 * Run `argv` as root through `actor`, in a private mount namespace whose
 * /root is the test's own dir: root's own places (its passwd home) are
 * where its files may go, and nothing reaches the machine's /root.
 */
function asRoot(w: World, actor: string, argv: string[], extra: Record<string, string> = {}) {
  const env = { ...w.env, ...extra };
  const inner = ['env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv];
  const wrapped = ACTORS[actor]!(inner);
  return spawnSync(
    'unshare',
    [
      '-m',
      '--propagation',
      'private',
      'sh',
      '-c',
      'mount --bind "$0" /root && exec "$@"',
      w.rootHome,
      ...wrapped,
    ],
    { env, cwd: w.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
  );
}

/**
 * Every file pipwarden wrote in the user's HOME is replaced by a symlink to
 * the canary file, and every dir of its own by a symlink to the canary dir,
 * plus dangling links where it would create files (a root that followed one
 * would create `canary/made-*`, standing for /etc/nologin).
 */
function plantTraps(w: World): string[] {
  const traps: string[] = [];
  const cache = join(w.home, '.cache', 'pipwarden');
  const state = join(w.home, '.local', 'state', 'pipwarden');
  const swap = (path: string, target: string) => {
    rmSync(path, { recursive: true, force: true });
    symlinkSync(target, path);
    // The user's own links: the user planted them.
    lchownSync(path, USER_UID, USER_UID);
    traps.push(path);
  };
  for (const sub of ['probe', 'plans', 'stamps']) {
    const dir = join(cache, sub);
    expect(existsSync(dir), `${dir} after the user's own calls`).toBe(true);
    for (const f of readdirSync(dir)) swap(join(dir, f), join(w.canary, 'file'));
  }
  swap(join(state, 'audit.log'), join(w.canary, 'file'));
  swap(join(state, 'audit.log.1'), join(w.canary, 'made-rotated'));
  swap(join(state, 'audit.log.pending'), join(w.canary, 'dir'));
  // Where a root without checks would start its own dirs.
  swap(join(w.home, '.cache', 'pip'), join(w.canary, 'dir'));
  for (const f of ['.pipwarden-probe', 'relhome'])
    swap(join(w.home, f), join(w.canary, `made-${f}`));
  return traps;
}

describe.skipIf(why !== null)("root with a user's HOME", () => {
  it.each(Object.keys(ACTORS))(
    '%s: writes nothing in the HOME and nothing through its symlinks; pip works as alone',
    (actor) => {
      const w = world();
      const traps = plantTraps(w);
      expect(traps.length).toBeGreaterThan(6);
      const before = [...listing(w.home), ...listing(w.canary)];
      for (let i = 0; i < 2; i++) {
        const pass = asRoot(w, actor, ['pip', ...dryRun(w)]);
        expect(pass.status, pass.stderr).toBe(0);
        expect(pass.stdout).toContain('Would install pwdemo-0.1');
        const refused = asRoot(w, actor, ['pip3', 'install', 'pwdemo'], {
          PATH: `${w.shims}:/usr/bin:/bin`,
        });
        expect(refused.status, refused.stderr).toBe(77);
        expect(refused.stderr).toContain('venvs only');
      }
      expect(installedIn(w.venv, 'pwdemo')).toBe(false);
      const after = [...listing(w.home), ...listing(w.canary)];
      expect(after).toEqual(before);
      expect(rootOwned(listing(w.home))).toEqual([]);
      expect(readFileSync(join(w.canary, 'file'), 'utf8')).toBe('canary\n');
      // Root kept its own: probe cache and audit log under its passwd home.
      expect(existsSync(join(w.rootHome, '.cache', 'pipwarden', 'probe'))).toBe(true);
      const log = readFileSync(
        join(w.rootHome, '.local', 'state', 'pipwarden', 'audit.log'),
        'utf8',
      );
      expect(
        log
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).uid),
      ).toEqual([0, 0]);
    },
  );

  it('a fresh HOME (no cache or state yet) gets no root-owned ~/.local/state or ~/.cache', () => {
    const w = world();
    // The user's shims stay (~/.local/share); pipwarden's state and cache go.
    for (const d of ['.cache', '.local/state'])
      rmSync(join(w.home, d), { recursive: true, force: true });
    const before = listing(w.home);
    const r = asRoot(w, 'sudo -E', ['pip', ...dryRun(w)]);
    expect(r.status, r.stderr).toBe(0);
    const refused = asRoot(w, 'sudo -E', ['pip3', 'install', 'pwdemo'], {
      PATH: `${w.shims}:/usr/bin:/bin`,
    });
    expect(refused.status, refused.stderr).toBe(77);
    expect(listing(w.home)).toEqual(before);
    // …so the user's own calls still write there afterwards.
    expect(asUser(w, ['pip', ...dryRun(w)]).status).toBe(0);
    expect(existsSync(join(w.home, '.cache', 'pipwarden'))).toBe(true);
    expect(rootOwned(listing(w.home))).toEqual([]);
  });

  it('a relative HOME is no HOME: nothing is written under the cwd', () => {
    const w = world();
    const cwd = join(w.root, 'cwd');
    mkdirSync(cwd);
    const env = { ...w.env, HOME: 'relhome', XDG_STATE_HOME: '', XDG_CACHE_HOME: '' };
    for (const argv of [
      ['pip', ...dryRun(w)],
      ['pip3', 'install', 'pwdemo'],
    ]) {
      const r = spawnSync(
        'unshare',
        [
          '-m',
          '--propagation',
          'private',
          'sh',
          '-c',
          'mount --bind "$0" /root && exec "$@"',
          w.rootHome,
          ...argv,
        ],
        {
          env: argv[0] === 'pip3' ? { ...env, PATH: `${w.shims}:/usr/bin:/bin` } : env,
          cwd,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      expect(r.status, r.stderr).toBe(argv[0] === 'pip3' ? 77 : 0);
    }
    expect(readdirSync(cwd)).toEqual([]);
  });
});
