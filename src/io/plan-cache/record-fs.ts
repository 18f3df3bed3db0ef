import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onlyWhatItIs } from '../read-hints.js';
import type { Inputs } from './inputs.js';
import { type ObserveFs, observePath, resolutionSteps } from './observe-path.js';
import { patchMethod } from './patch-method.js';

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
// The module's own object, which ESM named imports follow after syncBuiltinESMExports().
const fs: typeof import('node:fs') = createRequire(import.meta.url)('node:fs');
// Taken before any wrapping: observing a path must not record it again.
const UNWRAPPED: ObserveFs = {
  accessSync: fs.accessSync,
  lstatSync: fs.lstatSync,
  readlinkSync: fs.readlinkSync,
  realpathSync: fs.realpathSync,
  statSync: fs.statSync,
  constants: fs.constants,
};

/**
 * Wraps node:fs (callback, sync and promises APIs) so each path looked at is
 * observed into `inputs.paths` before the call looks, and each write spoils
 * the decision. `cwd` resolves relative paths. The undo goes onto `restore`.
 */
export function recordFs(
  inputs: Inputs,
  cwd: string,
  spoil: (why: string) => void,
  restore: (() => void)[],
): void {
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
  const fsObj = fs as unknown as Record<string, unknown>;
  // Always wrapped, though that loads node:fs/promises: a module the
  // decision loads may take it (cosmiconfig's loaders do, to parse YAML) and
  // read through it later, and a read unseen would be a stale replay.
  const promises = fs.promises as unknown as Record<string, unknown>;
  const patch = (obj: Record<string, unknown>, name: string, before: (a: unknown[]) => void) =>
    patchMethod(obj, name, before, restore);
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
