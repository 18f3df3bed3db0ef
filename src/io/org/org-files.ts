import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PipwardenError } from '../../core/errors.js';
import { EMPTY_STATE, type OrgState } from '../../core/org/org-facts.js';
import { makeDirs } from '../make-dirs.js';
import { readBoundedOrNull } from '../read-bounded.js';
import { writeAtomic } from '../shims/write-atomic.js';

/** Where `org apply` records what it wrote (root's; --undo reads it). */
export const STATE_DIR = '/var/lib/pipwarden';
export const STATE_FILE = join(STATE_DIR, 'org-apply.json');
/** pip's site-wide config file, read by every pip for every user. */
export const PIP_CONF = '/etc/pip.conf';

const CAP = 1024 * 1024;

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 of `<stdlib>/EXTERNALLY-MANAGED` as pip would find it (os.path.isfile follows links), or null. */
export function markerHash(stdlib: string): string | null {
  const path = join(stdlib, 'EXTERNALLY-MANAGED');
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) return null;
  const bytes = readBoundedOrNull(path, CAP);
  // A link to a regular file still counts for pip; hash what it holds.
  return sha256(bytes ?? readFileSync(path));
}

/** A file's sha256 now, or null when it is not a regular file there. */
export function currentHash(path: string): string | null {
  const bytes = readBoundedOrNull(path, CAP);
  return bytes === null ? null : sha256(bytes);
}

/** The state file, or an empty state; a file root did not write is refused. */
export function readState(): OrgState {
  const st = lstatSync(STATE_FILE, { throwIfNoEntry: false });
  if (!st) return EMPTY_STATE;
  if (!st.isFile() || st.uid !== 0 || (st.mode & 0o022) !== 0) {
    throw new PipwardenError(
      'io',
      `${STATE_FILE}: not a regular file that only root can write, so it is not trusted`,
      `chown root ${STATE_FILE} && chmod 644 ${STATE_FILE} if it is the record org apply wrote`,
    );
  }
  let parsed: Partial<OrgState>;
  try {
    parsed = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as Partial<OrgState>;
  } catch {
    throw new PipwardenError(
      'io',
      `${STATE_FILE}: not the record org apply writes (not JSON)`,
      `look at it: it lists the markers pipwarden wrote; move it away only once you removed those by hand`,
    );
  }
  return {
    version: 1,
    markers: Array.isArray(parsed.markers) ? parsed.markers : [],
    pipConf: parsed.pipConf ?? null,
    madeDirs: Array.isArray(parsed.madeDirs) ? parsed.madeDirs : [],
  };
}

/** Writes the state (0644: monitoring may read it); an empty one removes it and the dirs it made. */
export function writeState(state: OrgState): void {
  if (state.markers.length === 0 && state.pipConf === null) {
    unlinkIfThere(STATE_FILE);
    for (const dir of [...state.madeDirs].reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // not empty now (someone else's files): it stays
      }
    }
    return;
  }
  const made = [...state.madeDirs];
  if (!statSync(STATE_DIR, { throwIfNoEntry: false })) {
    for (let d = STATE_DIR; !statSync(d, { throwIfNoEntry: false }); d = dirname(d))
      made.unshift(d);
    makeDirs(STATE_DIR, 0o755);
  }
  const text = `${JSON.stringify({ ...state, madeDirs: made }, null, 2)}\n`;
  writeAtomic(STATE_DIR, basename(STATE_FILE), text, 0o644, { durable: true });
}

/** Writes `bytes` to `path` atomically and durably (write-atomic.ts: O_EXCL temp, every byte, fsync, rename). */
export function writeFileAt(path: string, bytes: Buffer, mode: number): void {
  writeAtomic(dirname(path), basename(path), bytes, mode, { durable: true });
}

/** The file's bytes and mode, or null when there is no regular file. */
export function readFileState(path: string): { bytes: Buffer; mode: number } | null {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (!st?.isFile()) return null;
  const bytes = readBoundedOrNull(path, CAP);
  return bytes === null ? null : { bytes, mode: st.mode & 0o7777 };
}

export function unlinkIfThere(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
