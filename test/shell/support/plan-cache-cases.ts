import { mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CachedWorld } from './cached-world.js';

// The plan cache's invalidation cases (test/shell/plan-cache.test.ts), shared
// with test/shell/plan-cache-shells.test.ts, which runs them under the
// /bin/sh shells whose test -nt compares whole seconds.

/** Calls until a call replays (no Node), at most three: cold probe, entry written, replay. */
export function warm(
  w: CachedWorld,
  args: string[],
  opts: Parameters<CachedWorld['call']>[1] = {},
) {
  for (let i = 0; i < 3; i++) {
    const r = w.call(args, opts);
    if (r.nodeStarts === 0) return r;
  }
  throw new Error(`no replay after three calls of ${args.join(' ')}`);
}

export function installArgs(w: CachedWorld, ...extra: string[]): string[] {
  return ['install', ...extra, '--no-index', '--find-links', w.wheels, 'pwdemo'];
}

export type Options = NonNullable<Parameters<CachedWorld['call']>[1]>;
export type Result = ReturnType<CachedWorld['call']>;

export interface Case {
  name: string;
  /** The call's extra arguments (default: a plain install). */
  extra?: string[];
  /** The options of the warm-up calls, after making what they need. */
  setup?: (w: CachedWorld) => Options;
  /** Changes one input; may give new options or arguments for the call after it. */
  change: (w: CachedWorld) => { opts?: Options; args?: string[] } | undefined;
  /** What the engine's fresh decision looks like, where the change alters it. */
  expect?: (r: Result) => void;
}

export const refuseUserInVenv = 'onUserInVenv: refuse\n';
export const refused = (r: Result) => {
  expect(r.status).toBe(77);
  expect(r.stdout).not.toContain('pwdemo');
};

export const CASES: Case[] = [
  {
    name: 'a PIP_* variable read by name (PIP_USER) is set',
    change: () => ({ opts: { env: { PIP_USER: '1' } } }),
    expect: (r) => expect(r.stderr).toMatch(/PIP_USER/),
  },
  {
    name: 'a PIP_* variable only a scan of the environment finds (PIP_user) is set',
    change: () => ({ opts: { env: { PIP_user: '1' } } }),
    expect: (r) => expect(r.stderr).toMatch(/PIP_user/),
  },
  {
    name: 'a PIP_* variable that was set is unset',
    setup: () => ({ env: { PIP_USER: '1' } }),
    change: () => ({ opts: {} }),
    expect: (r) => expect(r.stderr).not.toMatch(/PIP_USER/),
  },
  {
    name: 'a PIPWARDEN_* variable changes (PIPWARDEN_ON_USER_IN_VENV)',
    extra: ['--user'],
    change: () => ({ opts: { env: { PIPWARDEN_ON_USER_IN_VENV: 'refuse' } } }),
    expect: refused,
  },
  {
    name: 'VIRTUAL_ENV changes',
    change: (w) => ({ opts: { env: { VIRTUAL_ENV: join(w.root, 'sys') } } }),
  },
  {
    name: 'a project config file appears in the cwd',
    extra: ['--user'],
    change: (w) => {
      writeFileSync(join(w.proj, '.pipwardenrc.yaml'), refuseUserInVenv);
      return undefined;
    },
    expect: refused,
  },
  {
    name: 'a project config file appears in a parent of the cwd',
    extra: ['--user'],
    setup: (w) => {
      mkdirSync(join(w.proj, 'src'));
      return { cwd: join(w.proj, 'src') };
    },
    change: (w) => {
      writeFileSync(join(w.proj, 'pipwarden.config.yaml'), refuseUserInVenv);
      return undefined;
    },
    expect: refused,
  },
  {
    name: 'a project config file is edited in place',
    extra: ['--user'],
    setup: (w) => {
      writeFileSync(join(w.proj, '.pipwardenrc.yaml'), 'onUserInVenv: env\n');
      return {};
    },
    change: (w) => {
      writeFileSync(join(w.proj, '.pipwardenrc.yaml'), refuseUserInVenv);
      return undefined;
    },
    expect: refused,
  },
  {
    name: 'a project config file is replaced by one with an older mtime (mv over it)',
    extra: ['--user'],
    setup: (w) => {
      writeFileSync(join(w.proj, '.pipwardenrc.yaml'), 'onUserInVenv: env\n');
      return {};
    },
    change: (w) => {
      const older = join(w.root, 'older.yaml');
      writeFileSync(older, refuseUserInVenv);
      utimesSync(older, 1, 1);
      renameSync(older, join(w.proj, '.pipwardenrc.yaml'));
      return undefined;
    },
    expect: refused,
  },
  {
    name: 'a project config file is edited and its mtime set back (cp -p, tar x, touch -d)',
    extra: ['--user'],
    setup: (w) => {
      writeFileSync(join(w.proj, '.pipwardenrc.yaml'), 'onUserInVenv: env\n');
      utimesSync(join(w.proj, '.pipwardenrc.yaml'), 1000, 1000);
      return {};
    },
    change: (w) => {
      writeFileSync(join(w.proj, '.pipwardenrc.yaml'), refuseUserInVenv);
      utimesSync(join(w.proj, '.pipwardenrc.yaml'), 999, 999);
      return undefined;
    },
    expect: refused,
  },
  {
    name: 'the org config appears',
    extra: ['--user'],
    change: (w) => {
      mkdirSync(join(w.root, 'etc-pipwarden'));
      writeFileSync(join(w.root, 'etc-pipwarden', 'config.yaml'), refuseUserInVenv);
      return undefined;
    },
    expect: refused,
  },
  {
    name: 'the user config appears',
    extra: ['--user'],
    change: (w) => {
      mkdirSync(join(w.home, '.config', 'pipwarden'), { recursive: true });
      writeFileSync(join(w.home, '.config', 'pipwarden', 'config.yaml'), refuseUserInVenv);
      return undefined;
    },
    expect: refused,
  },
  {
    name: "pip's config file (PIP_CONFIG_FILE) appears, with user = true",
    setup: (w) => ({ env: { PIP_CONFIG_FILE: join(w.root, 'pip.conf') } }),
    change: (w) => {
      writeFileSync(join(w.root, 'pip.conf'), '[install]\nuser = true\n');
      return undefined;
    },
    expect: (r) => expect(r.stderr).toMatch(/not the user site/),
  },
  {
    name: 'the real pip is rewritten (an upgrade replaces its script)',
    change: (w) => {
      const pip = join(w.venvDir, 'bin', 'pip');
      writeFileSync(pip, readFileSync(pip));
      return undefined;
    },
  },
  {
    name: 'the arguments differ',
    change: (w) => ({ args: installArgs(w, '-q') }),
  },
  {
    name: 'the cwd is a new directory at the same path',
    extra: ['--user'],
    change: (w) => {
      renameSync(w.proj, `${w.proj}-old`);
      mkdirSync(w.proj);
      writeFileSync(join(w.proj, '.pipwardenrc.yaml'), refuseUserInVenv);
      return undefined;
    },
    expect: refused,
  },
  {
    name: 'pipwarden is upgraded (its entry file changes)',
    change: (w) => {
      writeFileSync(w.engineMain, readFileSync(w.engineMain));
      return undefined;
    },
  },
];
