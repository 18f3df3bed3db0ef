import { closeSync, constants, createReadStream, fstatSync, openSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AuditRecord } from '../../core/audit-record.js';
import { parseAuditLine } from '../../core/provenance/index.js';
import { readPending } from './pending.js';

/**
 * Read at most this much of each file, from its end: the newest records
 * count, and the user's log rotates at `audit.maxBytes` (1 MiB by default),
 * so this bounds the work even for a log someone let grow.
 */
const TAIL_BYTES = 8 * 1024 * 1024;

export interface AuditRead {
  /** Oldest first: the rotated `.1`, then the live file, each in line order. */
  records: AuditRecord[];
  /** One short line per file that exists but could not be read. */
  problems: string[];
}

/**
 * The records of the user's audit log and its rotated `.1` that `keep`
 * accepts. Streamed line by line; a torn or foreign line is skipped, a
 * missing file is no record, and an unreadable one is a problem to report,
 * never an error: a listing must not fail for want of its history.
 */
export async function readAudit(
  path: string,
  keep: (r: AuditRecord) => boolean,
): Promise<AuditRead> {
  const out: AuditRead = { records: [], problems: [] };
  for (const file of [`${path}.1`, path]) {
    try {
      await readFile(file, keep, out.records);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code !== 'ENOENT') out.problems.push(`${file} (${e.code ?? e.message})`);
    }
  }
  // Replays of plan cache entries the engine has not folded in yet: newer than the log.
  out.records.push(...readPending(path).filter(keep));
  return out;
}

async function readFile(
  file: string,
  keep: (r: AuditRecord) => boolean,
  into: AuditRecord[],
): Promise<void> {
  // Open first, so a file we may not read fails here, where it is caught.
  // O_NOFOLLOW and the owner: a log someone else put at this user's path
  // (a symlink, another user's file) is not this user's history.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  const st = fstatSync(fd);
  const uid = process.geteuid?.();
  if (!st.isFile() || (uid !== undefined && st.uid !== uid)) {
    closeFd(fd);
    throw new Error(st.isFile() ? "not this user's file" : 'not a file');
  }
  const start = Math.max(0, st.size - TAIL_BYTES);
  const stream = createReadStream('', { fd, start, encoding: 'utf8' });
  let failed: Error | null = null;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  // readline's iterator does not reject on an input error in every Node: end it by hand.
  stream.on('error', (error) => {
    failed = error;
    lines.close();
  });
  let first = start > 0;
  for await (const line of lines) {
    // Starting mid-file, the first line is a fragment.
    if (first) {
      first = false;
      continue;
    }
    // Cheap before JSON.parse: only an install can have put a package there.
    if (!line.includes('"install"')) continue;
    const record = parseAuditLine(line);
    if (record !== null && keep(record)) into.push(record);
  }
  stream.destroy();
  if (failed !== null) throw failed;
}

function closeFd(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Nothing left to do with it.
  }
}
