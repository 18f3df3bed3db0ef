import { markerText } from '../render/marker-text.js';
import { compareVersions } from '../version.js';
import type { GovernedInterpreter, OrgState, OrgWants } from './org-facts.js';
import { editPipConf } from './pip-conf-edit.js';

/** The first pip that honours EXTERNALLY-MANAGED (23.0 added the check; 23.0.1 fixed it). */
export const MARKER_PIP = '23.0.1';

export type MarkerStep =
  /** No marker there: write ours. */
  | { kind: 'write'; path: string; content: string; python: string }
  /** Ours, unchanged since, but the org's words changed: write it again. */
  | { kind: 'rewrite'; path: string; content: string; python: string }
  /** Ours and current. */
  | { kind: 'ours'; path: string; python: string }
  /** A marker pipwarden did not write (the distro's): never touched. */
  | { kind: 'foreign'; path: string; python: string }
  /** Ours, but changed since pipwarden wrote it: left as it is. */
  | { kind: 'edited'; path: string; python: string }
  /** Ours, no longer wanted (the org dropped venv-only, or the interpreter left the governed dirs), unchanged: removed. */
  | { kind: 'remove'; path: string; sha256: string };

/** A governed interpreter pip would not refuse: what `--check` reports, one line each. */
export type Gap =
  | { kind: 'no-marker'; python: string; path: string }
  | { kind: 'old-pip'; python: string; pip: string }
  | { kind: 'unsafe'; python: string; path: string; detail: string }
  | { kind: 'broken'; python: string; detail: string }
  | { kind: 'pip-conf'; path: string; key: string; want: string; has: string | null }
  | {
      kind: 'pip-conf-unusable';
      path: string;
      key: string;
      want: string;
      what: 'symlink' | 'not-file';
    };

export interface OrgPlan {
  markers: MarkerStep[];
  /** pip.conf's new text (null: remove the file, it was not there before), or null for no change. */
  pipConf: { path: string; text: string | null } | null;
  /** pip.conf keys the org wants that the file already sets otherwise: left as they are. */
  pipConfConflicts: Gap[];
  /** Governed interpreters that stay uncovered after this plan (pip < 23.0.1, unsafe, broken). */
  gaps: Gap[];
}

export interface PipConfNow {
  path: string;
  /** null: no file. */
  text: string | null;
  /** pipwarden's last edit: the text before it, and whether the file is still what it wrote. */
  ours: { before: string | null; intact: boolean } | null;
  /** Set when the path is there but no regular file (a symlink, a dir): never written through. */
  unusable?: 'symlink' | 'not-file';
}

/**
 * What `org apply` does, from facts gathered before: pure, so `--check`
 * and `--dry-run`-style reports come from the same plan. `hash` is sha256
 * of a text (the caller's crypto).
 */
export function planOrgApply(
  wants: OrgWants,
  interpreters: readonly GovernedInterpreter[],
  state: OrgState,
  pipConf: PipConfNow,
  hash: (text: string) => string,
): OrgPlan {
  const markers: MarkerStep[] = [];
  const gaps: Gap[] = [];
  const ours = new Map(state.markers.map((m) => [m.path, m]));
  const wanted = new Set<string>();
  for (const interp of interpreters) {
    const python = interp.paths[0] ?? '?';
    if (interp.kind === 'unsafe' || interp.kind === 'broken') {
      const detail = interp.problem?.detail ?? '';
      gaps.push(
        interp.kind === 'unsafe'
          ? { kind: 'unsafe', python, path: interp.problem?.path ?? python, detail }
          : { kind: 'broken', python, detail },
      );
      continue;
    }
    if (interp.kind !== 'base' || interp.stdlib === null || wants.marker === null) continue;
    const path = `${interp.stdlib}/EXTERNALLY-MANAGED`;
    if (wanted.has(path)) continue;
    wanted.add(path);
    if (interp.pip !== null && compareVersions(interp.pip, MARKER_PIP) < 0) {
      gaps.push({ kind: 'old-pip', python, pip: interp.pip });
    }
    const content = markerText({
      message: wants.marker.message,
      python: python.slice(python.lastIndexOf('/') + 1),
      orgFiles: wants.orgFiles,
    });
    const record = ours.get(path);
    if (interp.marker === null) markers.push({ kind: 'write', path, content, python });
    else if (!record) markers.push({ kind: 'foreign', path, python });
    else if (record.sha256 !== interp.marker) markers.push({ kind: 'edited', path, python });
    else if (record.sha256 !== hash(content)) {
      markers.push({ kind: 'rewrite', path, content, python });
    } else markers.push({ kind: 'ours', path, python });
  }
  // Ours from an earlier run that this one no longer wants (the org dropped
  // venv-only or the interpreter's dir, or it was deleted): removed while
  // unchanged, as --undo would (the io side checks the hash again).
  for (const m of state.markers) {
    if (!wanted.has(m.path)) markers.push({ kind: 'remove', path: m.path, sha256: m.sha256 });
  }
  const edit = planPipConf(wants, pipConf);
  return { markers, pipConf: edit.change, pipConfConflicts: edit.conflicts, gaps };
}

function planPipConf(
  wants: OrgWants,
  now: PipConfNow,
): { change: { path: string; text: string | null } | null; conflicts: Gap[] } {
  if (now.ours !== null && !now.ours.intact) return { change: null, conflicts: [] };
  const unusable = now.unusable;
  if (unusable !== undefined) {
    const conflicts: Gap[] = Object.entries(wants.pipSettings).map(([key, want]) => ({
      kind: 'pip-conf-unusable',
      path: now.path,
      key,
      want,
      what: unusable,
    }));
    return { change: null, conflicts };
  }
  // Edit from the bytes before pipwarden's own last edit, so a second run
  // does not stack edits and a changed policy leaves nothing stale behind.
  const base = now.ours !== null ? now.ours.before : now.text;
  const { text, conflicts } = editPipConf(base, wants.pipSettings);
  const gaps: Gap[] = conflicts.map((c) => ({
    kind: 'pip-conf',
    path: now.path,
    key: c.key,
    want: c.want,
    has: c.has,
  }));
  return { change: text === now.text ? null : { path: now.path, text }, conflicts: gaps };
}
