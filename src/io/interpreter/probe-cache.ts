import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readFileSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Env } from '../../core/env.js';
import { pathHash } from '../../core/path-hash.js';
import { makeOwnDirs } from '../make-dirs.js';
import { euid } from '../own-dirs.js';
import { writeAtomic } from '../shims/write-atomic.js';
import { defaultSpawner, type ProbeResult, runProbe, type Spawner } from './probe.js';
import { isProbeResult, isStampList } from './probe-shape.js';

const FORMAT = 1;

export interface ProbeOptions {
  env: Env;
  /** Where results are cached; null disables the cache. */
  cacheDir: string | null;
  spawn?: Spawner;
}

/** What must not have changed for a cached probe to stand. */
interface CacheKey {
  /** As invoked: a venv's python shares the base's realpath but not its sys.prefix. */
  invoked: string;
  realpath: string;
  interpreter: string;
  /** pyvenv.cfg beside the executable and one level up, where Python's getpath looks. */
  pyvenvCfg: string[];
}

interface CacheEntry {
  format: number;
  key: CacheKey;
  /** Files the result depends on: pip/__init__.py (so a pip upgrade re-probes), or site-packages when no pip. */
  stamps: [string, string][];
  result: ProbeResult;
}

/**
 * The interpreter's probe, from the cache when nothing it depends on has
 * changed (a warm call spawns no python), else by running it and caching.
 */
export async function probeInterpreter(
  interpreter: string,
  opts: ProbeOptions,
): Promise<ProbeResult> {
  const key = cacheKey(interpreter);
  const file =
    opts.cacheDir === null || key === null ? null : cacheFile(opts.cacheDir, interpreter);
  if (file !== null) {
    const hit = readEntry(file, key!);
    if (hit) return hit;
  }
  const result = await runProbe(interpreter, opts.env, opts.spawn ?? defaultSpawner);
  if (file !== null)
    writeEntry(file, { format: FORMAT, key: key!, stamps: stampsFor(result), result });
  return result;
}

export function cacheFile(cacheDir: string, interpreter: string): string {
  const hash = pathHash(interpreter);
  return join(cacheDir, 'probe', `${hash}.json`);
}

function cacheKey(invoked: string): CacheKey | null {
  let realpath: string;
  try {
    realpath = realpathSync(invoked);
  } catch {
    return null;
  }
  const bin = dirname(invoked);
  return {
    invoked,
    realpath,
    interpreter: stamp(realpath),
    pyvenvCfg: [stamp(join(bin, 'pyvenv.cfg')), stamp(join(dirname(bin), 'pyvenv.cfg'))],
  };
}

function stampsFor(result: ProbeResult): [string, string][] {
  const paths = result.pipInit ? [result.pipInit] : [...new Set([result.purelib, result.platlib])];
  return paths.map((p) => [p, stamp(p)]);
}

/** inode, size, mtime and ctime: a rewritten or replaced file changes at least one. */
function stamp(path: string): string {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return 'absent';
  }
}

function readEntry(file: string, key: CacheKey): ProbeResult | null {
  let entry: Partial<CacheEntry> | null;
  try {
    entry = JSON.parse(readOwnFile(file)) as Partial<CacheEntry> | null;
  } catch {
    return null; // missing, unreadable or corrupt: probe again and overwrite
  }
  // Anything of the wrong shape or type is a miss, never facts.
  if (typeof entry !== 'object' || entry === null || entry.format !== FORMAT) return null;
  if (JSON.stringify(entry.key) !== JSON.stringify(key)) return null;
  if (!isStampList(entry.stamps) || !entry.stamps.every(([p, s]) => stamp(p) === s)) return null;
  return isProbeResult(entry.result) ? entry.result : null;
}

/**
 * The file's text, only when it is a regular file of this user's reached
 * without a symlink at its last step: a result someone else could have
 * written is a miss, never facts (root under `sudo -E` reading the user's
 * cache is kept out by paths.ts; this holds for a dir pipwarden reuses).
 */
function readOwnFile(file: string): string {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    const uid = euid();
    if (!st.isFile() || (uid !== null && st.uid !== uid)) throw new Error("not this user's file");
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Temp + rename (write-atomic.ts): a concurrent reader sees the old file or
 * the new one, never half, and a full disk leaves the old one or none. The
 * dirs are checked to be this user's as they are made.
 */
function writeEntry(file: string, entry: CacheEntry): void {
  try {
    makeOwnDirs(dirname(file), 0o700);
    writeAtomic(dirname(file), basename(file), `${JSON.stringify(entry)}\n`, 0o600, {
      durable: false,
    });
  } catch {
    // A cache that cannot be written (read-only, HOME=/dev/null, a file in
    // the way, a full disk, a dir not this user's) only costs a probe next
    // time: never fatal. writeAtomic removed its temp file.
  }
}
