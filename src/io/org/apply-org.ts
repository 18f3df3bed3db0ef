import type { OrgState, WrittenFile } from '../../core/org/org-facts.js';
import type { OrgPlan } from '../../core/org/plan-org.js';
import type { OrgDone } from '../../core/render/org-report.js';
import { currentHash, readFileState, sha256, unlinkIfThere, writeFileAt } from './org-files.js';

/**
 * Carries an `org apply` plan out and returns the state to record: every
 * marker pipwarden wrote with its hash, and pip.conf's earlier bytes. A
 * file is removed or restored only while it still holds what pipwarden
 * wrote. `report` gets each effect as it happens, so a failure part-way
 * still leaves the state of what was done (the caller writes it).
 */
export function applyOrgPlan(
  plan: OrgPlan,
  state: OrgState,
  report: (done: OrgDone) => void,
): OrgState {
  const markers = new Map(state.markers.map((m) => [m.path, m]));
  let pipConf = state.pipConf;
  const next = (): OrgState => ({ ...state, markers: [...markers.values()], pipConf });
  try {
    for (const step of plan.markers) {
      if (step.kind === 'write' || step.kind === 'rewrite') {
        const bytes = Buffer.from(step.content, 'utf8');
        writeFileAt(step.path, bytes, 0o644);
        markers.set(step.path, { path: step.path, sha256: sha256(bytes) });
      } else if (step.kind === 'remove') {
        if (!removeIfOurs(step.path, step.sha256, report)) continue;
        markers.delete(step.path);
      }
      report({ kind: 'marker', step });
    }
    if (plan.pipConf) pipConf = writePipConf(plan.pipConf.path, plan.pipConf.text, pipConf, report);
  } catch (error) {
    (error as { orgState?: OrgState }).orgState = next();
    throw error;
  }
  return next();
}

/** `--undo`: removes or restores exactly what the state records, where it is unchanged. */
export function undoOrg(state: OrgState, report: (done: OrgDone) => void): OrgState {
  const left: WrittenFile[] = [];
  for (const m of state.markers) {
    if (removeIfOurs(m.path, m.sha256, report)) {
      report({ kind: 'marker', step: { kind: 'remove', path: m.path, sha256: m.sha256 } });
    } else left.push(m);
  }
  let pipConf = state.pipConf;
  if (pipConf) pipConf = restorePipConf(pipConf, report);
  return { ...state, markers: left, pipConf };
}

/** True when the file is gone now (removed, or already gone); false when it changed. */
function removeIfOurs(path: string, hash: string, report: (done: OrgDone) => void): boolean {
  const now = currentHash(path);
  if (now === null) return true;
  if (now !== hash) {
    report({ kind: 'kept-edited', path });
    return false;
  }
  unlinkIfThere(path);
  return true;
}

function writePipConf(
  path: string,
  text: string | null,
  record: WrittenFile | null,
  report: (done: OrgDone) => void,
): WrittenFile | null {
  const now = readFileState(path);
  const beforeB64 = record ? (record.before ?? null) : now ? now.bytes.toString('base64') : null;
  const mode = record?.mode ?? now?.mode ?? 0o644;
  if (text === null) {
    unlinkIfThere(path);
    report({ kind: 'pip-conf', path, how: 'removed' });
    return null;
  }
  // latin1 maps each byte to one char and back: the file's other bytes survive whatever they are.
  const bytes = Buffer.from(text, 'latin1');
  writeFileAt(path, bytes, mode);
  if (beforeB64 !== null && Buffer.from(beforeB64, 'base64').equals(bytes)) {
    report({ kind: 'pip-conf', path, how: 'restored' });
    return null;
  }
  report({ kind: 'pip-conf', path, how: 'set' });
  return { path, sha256: sha256(bytes), before: beforeB64, mode };
}

function restorePipConf(record: WrittenFile, report: (done: OrgDone) => void): WrittenFile | null {
  const now = readFileState(record.path);
  if (now === null || sha256(now.bytes) !== record.sha256) {
    report({ kind: 'pip-conf-edited', path: record.path });
    return record;
  }
  if (record.before === null || record.before === undefined) {
    unlinkIfThere(record.path);
    report({ kind: 'pip-conf', path: record.path, how: 'removed' });
  } else {
    writeFileAt(record.path, Buffer.from(record.before, 'base64'), record.mode ?? 0o644);
    report({ kind: 'pip-conf', path: record.path, how: 'restored' });
  }
  return null;
}
