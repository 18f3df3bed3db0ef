import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import type { AuditCaller, AuditRecord } from '../../core/audit-record.js';
import type { AuditConfig } from '../../core/config/types.js';
import type { Env } from '../../core/env.js';
import { makeOwnDirs } from '../make-dirs.js';
import { auditLogPath } from '../paths.js';
import { appendLine } from './append-line.js';
import { appendToAuditDir } from './audit-dir.js';
import { foldPending } from './pending.js';
import { sendToSyslog } from './syslog.js';

/** Who is asking, from the process and its env. */
export function auditCaller(env: Env, cwd: string): AuditCaller {
  const uid = process.getuid?.() ?? null;
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // A uid with no passwd entry (containers).
    user = env.USER || env.LOGNAME || String(uid);
  }
  const sudoUser = uid === 0 && env.SUDO_USER ? env.SUDO_USER : null;
  return { time: new Date(), user, uid, sudoUser, cwd };
}

/**
 * Writes the record to every target `audit` names: the user's log, the
 * org's shared file, the org's per-user dir, syslog. Returns one short problem per target that
 * failed; it never throws, because a log must not stop the decision.
 */
export function writeAudit(record: AuditRecord, audit: AuditConfig, env: Env): string[] {
  const line = `${JSON.stringify(record)}\n`;
  const problems: string[] = [];
  const attempt = (what: string, write: () => void) => {
    try {
      write();
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      problems.push(`${what}: ${e.code ?? e.message}`);
    }
  };
  if (audit.log) {
    const path = auditLogPath(env);
    // None of this user's own (root with the caller's HOME, a relative HOME): no log, said once.
    if (path === null)
      problems.push(
        'audit log: this user has no state dir of its own (HOME is relative, or belongs to another user), so none was written',
      );
    else
      attempt(path, () => {
        makeOwnDirs(dirname(path), 0o700);
        problems.push(...foldPending(path, audit.maxBytes));
        appendLine(path, line, { maxBytes: audit.maxBytes, create: true, own: true });
      });
  }
  const shared = audit.file;
  if (shared !== null) {
    attempt(shared, () => appendLine(shared, line, { maxBytes: null, create: false }));
  }
  const dir = audit.dir;
  if (dir !== null) attempt(dir, () => appendToAuditDir(dir, line));
  if (audit.syslog) attempt('syslog', () => sendToSyslog(line, env));
  return problems;
}
