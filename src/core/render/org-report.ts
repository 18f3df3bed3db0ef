import type { Gap, MarkerStep } from '../org/plan-org.js';
import { MARKER_PIP } from '../org/plan-org.js';

/** What one effect of `org apply` or `--undo` came to, as values for the words below. */
export type OrgDone =
  | { kind: 'marker'; step: MarkerStep }
  | { kind: 'kept-edited'; path: string }
  | { kind: 'pip-conf'; path: string; how: 'set' | 'restored' | 'removed' }
  | { kind: 'pip-conf-edited'; path: string };

/** One line for what `org apply` or `--undo` did (or left alone, and why). */
export function orgDoneText(done: OrgDone): string {
  switch (done.kind) {
    case 'marker': {
      const s = done.step;
      switch (s.kind) {
        case 'write':
          return `wrote ${s.path} (${s.python}): pip now refuses system and user installs there`;
        case 'rewrite':
          return `rewrote ${s.path} (${s.python}) with the org's current message`;
        case 'ours':
          return `${s.path} (${s.python}): in place`;
        case 'foreign':
          return `${s.path} (${s.python}): a marker pipwarden did not write (the distro's); left alone, pip refuses there already`;
        case 'edited':
          return `${s.path} (${s.python}): changed since pipwarden wrote it; left alone`;
        case 'remove':
          return `removed ${s.path}`;
      }
      break;
    }
    case 'kept-edited':
      return `${done.path}: changed since pipwarden wrote it, so it stays; remove it yourself if it should go (next: rm ${done.path})`;
    case 'pip-conf':
      return done.how === 'set'
        ? `set the org's pip settings in ${done.path} (its other settings untouched)`
        : done.how === 'restored'
          ? `restored ${done.path} to its bytes before pipwarden`
          : `removed ${done.path} (there was none before pipwarden)`;
    case 'pip-conf-edited':
      return `${done.path}: changed since pipwarden edited it, so it stays as it is; restore it by hand if needed`;
  }
}

/** One line per gap: a governed interpreter pip would not refuse, or a pip setting not in place. */
export function gapText(gap: Gap): string {
  switch (gap.kind) {
    case 'no-marker':
      return `uncovered: ${gap.python}: no ${gap.path}; next: pipwarden org apply`;
    case 'old-pip':
      return `uncovered: ${gap.python}: its pip ${gap.pip} ignores EXTERNALLY-MANAGED (pip ≥ ${MARKER_PIP} honours it); next: ${gap.python} -m pip install --upgrade pip (with --break-system-packages once marked)`;
    case 'unsafe':
      return `uncovered: ${gap.python}: not run, ${gap.path} is ${gap.detail}; next: make it root's alone (chown root, chmod go-w), then pipwarden org apply`;
    case 'broken':
      return `uncovered: ${gap.python}: would not run (${gap.detail}); next: run it by hand (${gap.python} -c pass)`;
    case 'pip-conf':
      return gap.has === null
        ? `uncovered: ${gap.path}: ${gap.key} is not ${gap.want}; next: pipwarden org apply`
        : `uncovered: ${gap.path}: ${gap.key} = ${gap.has}, the org wants ${gap.want}; left alone; next: edit ${gap.path}`;
    case 'pip-conf-unusable':
      return `uncovered: ${gap.path}: ${gap.what === 'symlink' ? 'a symlink' : 'not a regular file'}, never written through, so ${gap.key} is not ${gap.want}; next: set it in the file it names by hand`;
  }
}

/** `--check` with no gap: what is covered, or that the org asks nothing of pip. */
export function coveredText(marker: boolean, settings: readonly string[]): string {
  if (!marker && settings.length === 0) {
    return 'nothing to cover: the org config asks nothing of pip itself (the marker comes with onNoEnv: refuse, e.g. presets: [venv-only])';
  }
  const what = [
    ...(marker ? ['every governed base interpreter has an EXTERNALLY-MANAGED marker'] : []),
    ...(settings.length ? [`/etc/pip.conf sets ${settings.join(', ')}`] : []),
  ];
  return `covered: ${what.join('; ')}`;
}
