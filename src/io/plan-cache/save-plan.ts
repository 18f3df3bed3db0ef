import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AuditRecord } from '../../core/audit-record.js';
import type { Env } from '../../core/env.js';
import {
  type PathState,
  type PlanCacheEntry,
  renderPlanCacheEntry,
} from '../../core/render/plan-cache-entry.js';
import { pendingDir } from '../audit/pending.js';
import { makeOwnDirs } from '../make-dirs.js';
import { ownedOrMine } from '../own-dirs.js';
import { cacheDir } from '../paths.js';
import { writeAtomic } from '../shims/write-atomic.js';
import type { Inputs } from './inputs.js';
import { type Observed, observePath } from './observe-path.js';
import { stampPair, startedNs } from './stamps.js';

/** Where the shim wants its entry, and the key it will look it up by. */
export interface PlanCacheRequest {
  file: string;
  key: string;
}

/**
 * A shim asks for an entry by starting the engine with these two set (and
 * never sets them otherwise): the file it will source next time and the
 * key it built from its real command, cwd and argv.
 */
export function planCacheRequest(env: Env): PlanCacheRequest | null {
  const file = env._PIPWARDEN_PLAN_FILE;
  const key = env._PIPWARDEN_PLAN_KEY;
  if (!file || !key || !file.startsWith('/')) return null;
  return { file, key };
}

export interface Decided {
  cwd: string;
  stderrTty: boolean;
  /** What the engine printed on stderr. */
  stderr: string;
  /** The plan as sh. */
  plan: string;
  /** Files read outside node:fs, observed now: the engine's own, the passwd entry behind the audit's user name. */
  own: string[];
  /** The audit record to leave on each replay, and the log it is for (null: this user has none of its own). */
  audit?: { log: string | null; record: AuditRecord };
}

/**
 * Writes the entry when the decision can be replayed from sh; otherwise
 * says why not. Never throws: a cache that cannot be written costs the
 * next call one engine start, nothing else.
 */
export function savePlan(req: PlanCacheRequest, inputs: Inputs, decided: Decided): string | null {
  if (inputs.spoilt.length > 0) return inputs.spoilt.join('; ');
  // Node decoded the key's bytes; a lossy decoding would never match again.
  if (req.key.includes('\uFFFD')) return 'the command line is not UTF-8';
  const vars = [...inputs.vars].filter(([name]) => !name.startsWith('_PIPWARDEN_'));
  const proc = [...inputs.paths.keys()].find((p) => p === '/proc' || p.startsWith('/proc/'));
  if (proc !== undefined) return `it read ${proc}, which belongs to one process`;
  // pipwarden's own cache (<cache>/pipwarden, above plans/): the probe results
  // there are derived from the interpreter's stamps, which are inputs of
  // their own, and writing this entry changes that dir.
  const cache = dirname(dirname(req.file));
  const paths = [...inputs.paths.values()].filter((o) => !`${o.path}/`.startsWith(`${cache}/`));
  for (const p of decided.own) if (!inputs.paths.has(p)) paths.push(observePath(p, fs));
  if (decided.audit && decided.audit.log === null) {
    return 'this user has no audit log of its own (HOME is relative, or another user owns it), so a replay could not leave its record';
  }
  // Only into dirs of this user's (paths.ts ownedOrMine, make-dirs.ts
  // makeOwnDirs): root's shim under `su` without `-` names the user's cache.
  const stranger = [cache, ...(decided.audit?.log ? [dirname(decided.audit.log)] : [])].find(
    (d) => !ownedOrMine(d),
  );
  if (stranger !== undefined) {
    return `${stranger} belongs to another user (sudo keeping HOME?), whose shims must not source this user's files`;
  }
  try {
    pruneWhenLarge(cache);
    const entry: PlanCacheEntry = {
      key: req.key,
      cwd: decided.cwd,
      stderrTty: decided.stderrTty,
      vars,
      prefixes: [...inputs.prefixes].map(([p, names]) => [p, names.length]),
      paths: paths.map((o) => pathState(o, join(cache, 'stamps'), startedNs())),
      stderr: decided.stderr,
      plan: decided.plan,
    };
    if (decided.audit?.log) {
      const dir = pendingDir(decided.audit.log);
      makeOwnDirs(dir, 0o700);
      entry.audit = { dir, line: JSON.stringify({ ...decided.audit.record, time: '' }) };
    }
    writeEntry(req.file, renderPlanCacheEntry(entry));
    return null;
  } catch (error) {
    return `not written: ${(error as Error).message}`;
  }
}

/** Atomically, and owner-only: the shim sources it only when `-O` says this user owns it. */
function writeEntry(file: string, text: string): void {
  makeOwnDirs(dirname(file), 0o700);
  writeAtomic(dirname(file), basename(file), text, 0o600, { durable: false });
}

// Stamps are shared and never expire one by one; a dir this large (some
// thousands of stamps, ext4 and tmpfs alike) is cleared with the entries that
// name them, and the next calls decide afresh. One stat per decision.
const LARGE_DIR_BYTES = 256 * 1024;

function pruneWhenLarge(cache: string): void {
  try {
    if (fs.statSync(join(cache, 'stamps')).size < LARGE_DIR_BYTES) return;
  } catch {
    return;
  }
  removePlanCache(cache);
}

/** Every entry and every stamp under pipwarden's cache dir `cache`. */
function removePlanCache(cache: string): void {
  for (const d of ['plans', 'stamps']) fs.rmSync(join(cache, d), { recursive: true, force: true });
}

function pathState(o: Observed, stamps: string, startNs: bigint): PathState {
  const { mtimeNs, ...rest } = o;
  return mtimeNs === undefined ? rest : { ...rest, mtime: stampPair(stamps, mtimeNs, startNs) };
}

/**
 * Removes pipwarden's whole cache dir, entries, stamps and probe results
 * (`rehash --remove`, which install.sh --uninstall runs): the shims that read
 * them are gone. The dir comes from the one function the shims baked in, so
 * install.sh need not lay the cache out again. Returns the dir it removed.
 */
export function removeCache(env: Env): string | null {
  const dir = cacheDir(env);
  if (dir === null || !fs.existsSync(dir)) return null;
  fs.rmSync(dir, { recursive: true, force: true });
  return dir;
}

/** What `doctor` shows: where entries live and how many there are. */
export function planCacheStats(env: Env): { dir: string | null; entries: number } {
  const cache = cacheDir(env);
  if (cache === null) return { dir: null, entries: 0 };
  const dir = join(cache, 'plans');
  let entries = 0;
  try {
    entries = fs.readdirSync(dir).filter((f) => !f.startsWith('.')).length;
  } catch {
    // No entry yet.
  }
  return { dir, entries };
}
