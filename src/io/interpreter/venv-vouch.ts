import { lstatSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { Env } from '../../core/env.js';
import type { VenvVouch } from '../../core/facts.js';
import { venvMarkDir } from '../paths.js';
import { readBoundedOrNull } from '../read-bounded.js';
import { writeIfChanged } from '../shims/write-atomic.js';

/**
 * Who vouches for an existing venv before the `venv` action runs its python
 * (docs/security.md): a cloned repository can ship `.venv/` with a
 * `bin/python` script, or a real interpreter whose `pyvenv.cfg` `home`
 * points at the repository's own stdlib, or a `.pth` in its site-packages.
 * Running any of them runs the repository's code. So a venv is used only
 * when someone other than the tree stands behind it:
 *   - `active`: VIRTUAL_ENV is this venv (the user activated it);
 *   - `named`: the user's, org's, env's or flag's config named it, absolute;
 *   - `marked`: pipwarden made it, or the user ran `pipwarden trust <venv>`:
 *     a mark in the user's data dir holds the device, inode and ctime of its
 *     pyvenv.cfg. A tree cannot write there, and a copy, a re-clone or a
 *     replaced pyvenv.cfg has another inode or ctime (ctime cannot be set).
 * null: nobody did, and the decision refuses with the next step.
 */
export function venvVouch(env: Env, path: string, namedByUser: boolean): VenvVouch | null {
  if (env.VIRTUAL_ENV && sameDir(env.VIRTUAL_ENV, path)) return 'active';
  if (namedByUser) return 'named';
  const id = venvIdentity(path);
  if (id === null) return null;
  const mark = readBoundedOrNull(venvMarkFile(env, path), 4096)?.toString('utf8').trim();
  if (mark === id) return 'marked';
  // Half made: `python -m venv` stopped after pyvenv.cfg (see venv-mark.ts).
  const pending = /^pending:(\d+)$/.exec(mark ?? '');
  if (pending) {
    const since = BigInt(pending[1] as string);
    const ctime = BigInt(id.split(':')[2] as string);
    // A second of slack: file times come from the kernel's coarse clock, which lags time.time().
    if (ctime + 1_000_000_000n >= since && ctime - since <= HALF_MADE_WINDOW_NS) return 'marked';
  }
  return null;
}

/** How long `python -m venv` may take to write pyvenv.cfg after the pending mark. */
const HALF_MADE_WINDOW_NS = 300n * 1_000_000_000n;

/** Where the mark for the venv at `path` lives: one small file per venv, named by its path's hash. */
export function venvMarkFile(env: Env, path: string): string {
  // By the real path of its parent: the venv itself may not exist yet.
  let where = path;
  try {
    where = join(realpathSync(dirname(path)), basename(path));
  } catch {
    // the parent is gone: the path as given
  }
  // node:crypto loads only here: most decisions never look for a mark.
  const { createHash }: typeof import('node:crypto') = createRequire(import.meta.url)(
    'node:crypto',
  );
  const key = createHash('sha256').update(where).digest('hex').slice(0, 32);
  return join(venvMarkDir(env), key);
}

/** `dev:ino:ctimeNs` of `<venv>/pyvenv.cfg`, a regular file (not a link); null otherwise. */
export function venvIdentity(path: string): string | null {
  try {
    const st = lstatSync(join(path, 'pyvenv.cfg'), { bigint: true });
    return st.isFile() ? `${st.dev}:${st.ino}:${st.ctimeNs}` : null;
  } catch {
    return null;
  }
}

/** `pipwarden trust <venv>`: the mark pipwarden leaves on a venv it made. False when pyvenv.cfg is not a file. */
export function markVenv(env: Env, path: string): boolean {
  const id = venvIdentity(path);
  if (id === null) return false;
  const mark = venvMarkFile(env, path);
  mkdirSync(dirname(mark), { recursive: true, mode: 0o700 });
  writeIfChanged(dirname(mark), basename(mark), `${id}\n`, 0o600);
  return true;
}

export function unmarkVenv(env: Env, path: string): void {
  rmSync(venvMarkFile(env, path), { force: true });
}

function sameDir(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
