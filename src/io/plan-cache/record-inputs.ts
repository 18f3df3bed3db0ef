import { createRequire, syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env } from '../../core/env.js';
import { LIST_PREFIX } from '../env-names.js';
import { onlyWhatItIs } from '../fs-intent.js';
import { type Observed, type ObserveFs, observePath, resolutionSteps } from './observe-path.js';

/**
 * Everything one decision read, so a plan cache entry can check each input
 * again before it is replayed (plan-cache/). Kept by wrapping node:fs,
 * node:child_process and the environment for the length of the decision,
 * rather than by asking each reader to report: cosmiconfig, chalk and any
 * reader added later are seen too, so no input can be left out by hand.
 */
export interface Inputs {
  /** Variables read, each with the value it had (undefined: unset). */
  vars: Map<string, string | undefined>;
  /** Prefixes whose every variable was listed (pip reads any PIP_<option>). */
  prefixes: Map<string, string[]>;
  /** Absolute paths looked at, read or listed, each as it was before the first look. */
  paths: Map<string, Observed>;
  /** Why the decision cannot be replayed from sh: it wrote, spawned, or listed the whole environment. */
  spoilt: string[];
}

export interface Recording {
  /** The env to decide with: reads through it are recorded. */
  env: Env;
  /** Ends recording, puts node:fs and node:child_process back, and returns what was read. */
  stop(): Inputs;
}

// Calls whose first argument is a path the decision depends on, and what of
// it their answer depends on: `exist`, whether it is there and may be used
// (type, link, access); `full`, also what is in it (its mtime: contents, or a
// directory's entries, or the mtime that stat returns); `resolve`, where it
// leads (realpath, readlink: every directory and link on the way).
const LOOKS = {
  access: 'exist',
  exists: 'exist',
  stat: 'full',
  lstat: 'full',
  readFile: 'full',
  readdir: 'full',
  opendir: 'full',
  createReadStream: 'full',
  realpath: 'resolve',
  readlink: 'resolve',
} as const;
type Need = (typeof LOOKS)[keyof typeof LOOKS];
// Calls that change the filesystem: a decision that makes one has an effect sh would not repeat.
const WRITES = [
  'writeFile',
  'appendFile',
  'mkdir',
  'mkdtemp',
  'rename',
  'rm',
  'rmdir',
  'unlink',
  'symlink',
  'link',
  'copyFile',
  'cp',
  'chmod',
  'chown',
  'utimes',
  'truncate',
  'createWriteStream',
] as const;
// The modules' own objects, which ESM named imports follow after syncBuiltinESMExports().
const require = createRequire(import.meta.url);
const fs: typeof import('node:fs') = require('node:fs');
const childProcess: typeof import('node:child_process') = require('node:child_process');
// Taken before any wrapping: observing a path must not record it again.
const UNWRAPPED: ObserveFs = {
  accessSync: fs.accessSync,
  lstatSync: fs.lstatSync,
  readlinkSync: fs.readlinkSync,
  realpathSync: fs.realpathSync,
  statSync: fs.statSync,
  constants: fs.constants,
};
const SPAWNS = ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync', 'fork'];

/** Starts recording; `cwd` resolves relative paths. Only one recording runs at a time. */
export function startRecording(env: Env, cwd: string): Recording {
  const inputs: Inputs = {
    vars: new Map(),
    prefixes: new Map(),
    paths: new Map(),
    spoilt: [],
  };
  const restore: (() => void)[] = [];
  const resolved = new Set<string>();
  const note = (p: unknown, asked: Need) => {
    const path = pathOf(p, cwd);
    if (path === null) return;
    const need = asked === 'full' && onlyWhatItIs() ? 'exist' : asked;
    const seen = inputs.paths.get(path);
    // Observed afresh the first time, and again when this call needs more of
    // it than an earlier one did (a step now read, an existence now stat'd);
    // always before the call itself looks.
    if (
      seen === undefined ||
      seen.step ||
      (need === 'full' && seen.mtimeNs === undefined && seen.kind !== 'missing')
    ) {
      const o = observePath(path, UNWRAPPED, need === 'resolve' || seen?.target !== undefined);
      if (need !== 'full' && seen?.mtimeNs === undefined) delete o.mtimeNs;
      inputs.paths.set(path, o);
    }
    if (need !== 'resolve' || resolved.has(path)) return;
    resolved.add(path);
    const now = inputs.paths.get(path)!;
    if (now.target === undefined && now.kind !== 'missing') {
      const target = observePath(path, UNWRAPPED, true).target;
      if (target !== undefined) now.target = target;
    }
    for (const step of resolutionSteps(path, UNWRAPPED)) {
      if (!inputs.paths.has(step.path)) inputs.paths.set(step.path, step);
    }
  };
  const spoil = (why: string) => {
    if (!inputs.spoilt.includes(why)) inputs.spoilt.push(why);
  };

  const patch = (obj: Record<string, unknown>, name: string, before: (args: unknown[]) => void) => {
    const original = obj[name];
    if (typeof original !== 'function') return;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      before(args);
      return original.apply(this, args);
    };
    // Keep what hangs off the function (promisify.custom), and record
    // through realpathSync.native and realpath.native too.
    for (const key of Reflect.ownKeys(original)) {
      if (key === 'length' || key === 'name' || key === 'prototype') continue;
      Object.defineProperty(wrapped, key, Object.getOwnPropertyDescriptor(original, key)!);
    }
    const native = (original as { native?: unknown }).native;
    if (typeof native === 'function') {
      (wrapped as { native?: unknown }).native = function (this: unknown, ...args: unknown[]) {
        before(args);
        return native.apply(this, args);
      };
    }
    obj[name] = wrapped;
    restore.push(() => {
      obj[name] = original;
    });
  };
  const fsObj = fs as unknown as Record<string, unknown>;
  const promises = fs.promises as unknown as Record<string, unknown>;
  for (const [name, need] of Object.entries(LOOKS)) {
    for (const obj of [fsObj, promises]) patch(obj, name, (a) => note(a[0], need));
    patch(fsObj, `${name}Sync`, (a) => note(a[0], need));
  }
  for (const name of WRITES) {
    for (const obj of [fsObj, promises]) patch(obj, name, () => spoil(`it called fs.${name}`));
    patch(fsObj, `${name}Sync`, () => spoil(`it called fs.${name}Sync`));
  }
  for (const name of ['open', 'openSync'] as const) {
    for (const obj of name === 'open' ? [fsObj, promises] : [fsObj]) {
      patch(obj, name, (a) => {
        if (opensForWriting(a[1])) spoil(`it opened ${String(a[0])} for writing`);
        else note(a[0], 'full');
      });
    }
  }
  const cp = childProcess as unknown as Record<string, unknown>;
  for (const name of SPAWNS) patch(cp, name, (a) => spoil(`it ran ${String(a[0])}`));
  syncBuiltinESMExports();

  const read = (name: string, value: string | undefined) => {
    if (!inputs.vars.has(name)) inputs.vars.set(name, value);
  };
  const listPrefix = (prefix: string): string[] => {
    const names = Object.keys(env).filter((k) => k.startsWith(prefix));
    inputs.prefixes.set(prefix, names);
    for (const n of names) read(n, env[n]);
    return names;
  };
  const recorded = new Proxy(env as Record<string, string | undefined>, {
    get(target, key) {
      if (key === LIST_PREFIX) return listPrefix;
      if (typeof key === 'string') read(key, target[key]);
      return Reflect.get(target, key);
    },
    has(target, key) {
      if (typeof key === 'string') read(key, target[key]);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'string') read(key, target[key]);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      spoil('it listed the whole environment');
      return Reflect.ownKeys(target);
    },
    set(target, key, value) {
      spoil('it changed the environment');
      return Reflect.set(target, key, value);
    },
    deleteProperty(target, key) {
      spoil('it changed the environment');
      return Reflect.deleteProperty(target, key);
    },
  });
  // chalk's supports-color and anything else that reads process.env directly.
  const processEnv = process.env;
  process.env = recorded as NodeJS.ProcessEnv;
  restore.push(() => {
    process.env = processEnv;
  });

  return {
    env: recorded,
    stop() {
      for (const undo of restore.reverse()) undo();
      syncBuiltinESMExports();
      return inputs;
    },
  };
}

function pathOf(p: unknown, cwd: string): string | null {
  if (typeof p === 'string') return resolve(cwd, p);
  if (Buffer.isBuffer(p)) return resolve(cwd, p.toString());
  if (p instanceof URL && p.protocol === 'file:') return fileURLToPath(p);
  return null; // a file descriptor: its open was recorded
}

function opensForWriting(flags: unknown): boolean {
  if (flags === undefined || flags === null) return false;
  if (typeof flags === 'number') {
    const { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND } = fs.constants;
    return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) !== 0;
  }
  return /[wa+]/.test(String(flags));
}
