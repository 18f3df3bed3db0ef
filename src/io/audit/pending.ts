import { readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditRecord } from '../../core/audit-record.js';
import { parseAuditLine } from '../../core/provenance/index.js';
import { unlinkQuietly } from '../shims/write-atomic.js';
import { appendLine } from './append-line.js';

/**
 * Records that shims left while replaying a plan cache entry: sh has no
 * clock it can read without forking, so a replay writes its record with an
 * empty `time` to a file of its own in `<log>.pending/`, and that file's
 * mtime is the moment of the call. The engine folds them into the log
 * before its next record; readers take them as they are meanwhile.
 */
export function pendingDir(logPath: string): string {
  return `${logPath}.pending`;
}

interface Pending {
  file: string;
  record: AuditRecord;
}

/** The pending records, oldest first; unreadable or torn files are skipped. */
export function readPending(logPath: string): AuditRecord[] {
  return listPending(pendingDir(logPath)).map((p) => p.record);
}

/**
 * Appends the pending records to the log, oldest first. Each file is
 * claimed by renaming it first, so two engines folding at once never write
 * one record twice. Returns one short problem per record it could not move.
 */
export function foldPending(logPath: string, maxBytes: number): string[] {
  const problems: string[] = [];
  for (const p of listPending(pendingDir(logPath))) {
    const claimed = `${p.file}.${process.pid}.folding`;
    try {
      renameSync(p.file, claimed);
    } catch {
      continue; // another engine claimed it
    }
    try {
      appendLine(logPath, `${JSON.stringify(p.record)}\n`, { maxBytes, create: true, own: true });
      unlinkQuietly(claimed);
    } catch (error) {
      renameSync(claimed, p.file);
      problems.push(`${p.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  return problems;
}

function listPending(dir: string): Pending[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: (Pending & { at: number })[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue; // a replay names its file by its pid
    const file = join(dir, name);
    try {
      const at = statSync(file).mtimeMs;
      const record = parseAuditLine(readFileSync(file, 'utf8').trimEnd());
      if (record === null) continue;
      out.push({ file, at, record: { ...record, time: new Date(at).toISOString() } });
    } catch {
      // Gone meanwhile (folded by another engine), or not ours to read.
    }
  }
  return out.sort((a, b) => a.at - b.at);
}
