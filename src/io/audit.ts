import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { Call } from '../core/call.js';
import type { ResolvedConfig } from '../core/config/types.js';
import type { Facts } from '../core/facts.js';
import type { Plan } from '../core/plan.js';
import { auditDir } from './paths.js';

export interface AuditRecord {
  time: string;
  user: string;
  uid: number;
  sudoUser: string | null;
  cwd: string;
  interpreter: string | null;
  argv: string[];
  finalArgv: string[] | null;
  action: Plan['action'];
  reasons: { situation: string; action: string; message: string; source: string | null }[];
  configSources: string[];
}

/** Every decision but a silent pass is recorded. */
export function worthAuditing(plan: Plan): boolean {
  return plan.action !== 'pass' || plan.notices.length > 0;
}

export function auditRecord(
  call: Call,
  facts: Facts,
  config: ResolvedConfig,
  plan: Plan,
): AuditRecord {
  const args = call.kind === 'pip' ? [...call.prefix, ...call.pipArgs] : call.args;
  let user = String(facts.user.uid);
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (a bare uid in a container): the uid stands in.
  }
  return {
    time: new Date().toISOString(),
    user,
    uid: facts.user.uid,
    sudoUser: facts.user.sudoUser,
    cwd: facts.cwd,
    interpreter: facts.interpreter?.executable ?? null,
    argv: [facts.tool.path ?? call.name, ...args],
    finalArgv: plan.action === 'refuse' ? null : plan.command,
    action: plan.action,
    reasons: plan.reasons.map((r) => ({
      situation: r.situation,
      action: r.action,
      message: r.message,
      source: r.source?.file ?? null,
    })),
    configSources: config.layers.map((l) => l.file),
  };
}

/**
 * One JSON line per record, written with a single write(2) on an O_APPEND
 * descriptor: the kernel places each write at the end of the file as one
 * piece, so lines from concurrent writers never interleave on a local file
 * system. The user's log rotates to `audit.jsonl.1` at `maxBytes`. An org
 * may add a shared file (`audit.file`) and syslog (`logger`). Failures to
 * log never fail the pip call: they are returned for one warning line.
 */
export function writeAudit(record: AuditRecord, config: ResolvedConfig): string[] {
  const line = Buffer.from(`${JSON.stringify(record)}\n`);
  const problems: string[] = [];
  const { audit } = config.config;
  const dir = auditDir();
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    append(join(dir, 'audit.jsonl'), line, audit.maxBytes);
  } catch (error) {
    problems.push(`audit log ${dir}: ${(error as Error).message}`);
  }
  if (audit.file) {
    try {
      append(audit.file, line, null);
    } catch (error) {
      problems.push(`audit.file ${audit.file}: ${(error as Error).message}`);
    }
  }
  if (audit.syslog) {
    const r = spawnSync(
      'logger',
      ['-t', 'pipwarden', '-p', 'user.notice', '--', line.toString().trimEnd()],
      {
        stdio: 'ignore',
        timeout: 2000,
      },
    );
    if (r.status !== 0)
      problems.push(`audit.syslog: logger failed (${r.error?.message ?? `exit ${r.status}`})`);
  }
  return problems;
}

function append(file: string, line: Buffer, maxBytes: number | null): void {
  if (maxBytes !== null) rotate(file, line.length, maxBytes);
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, line);
  } finally {
    closeSync(fd);
  }
}

/**
 * Moves the log to `<file>.1` when this line would take it past `maxBytes`.
 * rename(2) is atomic; a writer still holding the old file finishes its line
 * there, and a writer that lost the race finds the file already gone.
 */
function rotate(file: string, adding: number, maxBytes: number): void {
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    return;
  }
  if (size + adding <= maxBytes) return;
  try {
    renameSync(file, `${file}.1`);
  } catch {
    // Another writer rotated first.
  }
}
