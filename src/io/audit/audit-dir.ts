import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { AuditRecord } from '../../core/audit-record.js';
import { parseAuditLine } from '../../core/provenance/index.js';
import { appendLine } from './append-line.js';

/**
 * The org's shared trail as one file per user: `<dir>/<uid>.log`, created by
 * that user (O_EXCL, O_NOFOLLOW) and so owned by it, in a dir that is
 * root-owned and sticky (mode 1733: anyone creates, no one lists, and no one
 * renames or removes another's file). The kernel sets a file's owner, so
 * the owner is who wrote the lines in it; a line's own `uid` is only what
 * its writer claimed. (A shared 0622 file proves nothing of the kind: any
 * user may append a line that claims to be root.)
 */
export function appendToAuditDir(dir: string, line: string): void {
  const st = lstatSync(dir);
  // Not root's, or writable by others without the sticky bit: another user
  // could swap files in it. Refuse rather than write a trail that lies.
  if (!st.isDirectory() || st.uid !== 0 || ((st.mode & 0o022) !== 0 && (st.mode & 0o1000) === 0)) {
    throw Object.assign(new Error(`${dir}: not a root-owned dir with the sticky bit`), {
      code: 'EPERM',
    });
  }
  const uid = process.geteuid?.() ?? 0;
  const file = join(dir, `${uid}.log`);
  if (!createOwn(file)) {
    const st = lstatSync(file);
    if (!st.isFile() || st.uid !== uid) {
      // Another user took this uid's name first: the reader goes by owner,
      // not by name, so a file of this user's own under another name serves.
      const spare = join(dir, `${uid}.${process.pid}.${randomBytes(4).toString('hex')}.log`);
      createOwn(spare);
      appendLine(spare, line, { maxBytes: null, create: false, own: true });
      return;
    }
  }
  appendLine(file, line, { maxBytes: null, create: false, own: true });
}

/** Creates `file` as this user's (O_EXCL: never an existing file or link); false when something is there. */
function createOwn(file: string): boolean {
  try {
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
    closeSync(openSync(file, flags, 0o600));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  }
}

export interface AttributedRecord {
  /** Who wrote it: the owner of the file it is in. */
  writer: number;
  record: AuditRecord;
  /** The record claims another uid than its writer's. */
  forged: boolean;
}

/**
 * Every record in an audit dir, each attributed to its file's owner; a
 * record whose `uid` is not its writer's is marked forged, never believed.
 * Files that are not regular (a symlink, a FIFO) are skipped.
 */
export function readAuditDir(dir: string): AttributedRecord[] {
  const out: AttributedRecord[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.log')) continue;
    let fd: number;
    try {
      fd = openSync(
        join(dir, name),
        constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK,
      );
    } catch {
      continue;
    }
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) continue;
      for (const line of readFileSync(fd, 'utf8').split('\n')) {
        const record = parseAuditLine(line);
        if (record !== null) out.push({ writer: st.uid, record, forged: record.uid !== st.uid });
      }
    } finally {
      closeSync(fd);
    }
  }
  return out;
}
