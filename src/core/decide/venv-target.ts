import type { ResolvedConfig, SituationId } from '../config/types.js';
import type { NextStep } from '../outcome.js';
import type { Found, FoundDid, Why } from '../reason.js';
import { applied, refuse } from './draft.js';
import { neutraliseUser } from './neutralise-user.js';
import { atLeast, PIP_PYTHON_OPTION } from './pip-versions.js';
import type { Situation } from './situations/situation.js';
import { MARK_VENV_SCRIPT } from './venv-mark.js';

/**
 * The `venv` action: install into the configured venv (default: the
 * project's `.venv`), creating it first when allowed. The venv's own python
 * runs pip, so nothing else about the original interpreter matters.
 * Returns false when the call is better left to pip: an uninstall never
 * targets a venv that does not exist yet (a new venv has nothing to remove).
 */
export function useVenv(s: Situation, id: SituationId, found: Found): boolean {
  const { facts, config, draft, interp } = s;
  const what = (did: FoundDid): Why => ({ kind: 'found', found, did });
  const { venv } = config.config;
  const { path, exists } = facts.configuredVenv;
  const python = `${path}/bin/python`;
  if (!exists && s.subcommand === 'uninstall') {
    applied(
      draft,
      config,
      id,
      'pip',
      what({ kind: 'venv-missing-uninstall', path, prefix: interp.prefix }),
    );
    return true;
  }
  if (!exists && !venv.create) {
    refuse(draft, config, id, what({ kind: 'venv-no-create', path }), [
      { kind: 'create-venv', python: interp.executable, path },
    ]);
    return true;
  }
  if (exists && facts.configuredVenv.vouch === null) {
    // A cloned repository's `.venv/bin/python` would run the repository's
    // code, through `-m pip` or `pip --python` alike (docs/security.md).
    refuse(draft, config, id, what({ kind: 'venv-unvouched', path }), [
      { kind: 'vouch-venv', path },
    ]);
    return true;
  }
  if (exists && facts.configuredVenv.python === false) {
    refuse(draft, config, id, what({ kind: 'venv-no-python', path }), [rebuild(s, path)]);
    return true;
  }
  if (exists && facts.configuredVenv.pip === false) return pipless(s, id, found, path);
  if (!exists) {
    const creator = venv.python ?? interp.executable;
    // The marks that let the next call use this venv (src/io/interpreter/venv-vouch.ts).
    const mark = facts.configuredVenv.markFile;
    if (mark !== undefined)
      draft.before.push([creator, '-c', MARK_VENV_SCRIPT, 'pending', path, mark]);
    draft.before.push([creator, '-m', 'venv', path]);
    if (mark !== undefined)
      draft.before.push([creator, '-c', MARK_VENV_SCRIPT, 'made', path, mark]);
    // The user's shell is still outside the new venv.
    draft.after.push({ kind: 'activate-venv', path, shell: facts.shell ?? '' });
  }
  draft.runner = { kind: 'python', python };
  neutraliseUser(s);
  applied(draft, config, id, 'venv', what({ kind: 'venv', path, exists }));
  return true;
}

/**
 * A pyvenv.cfg without pip: `python -m venv` stopped in ensurepip (Debian's
 * python3 without python3-venv leaves exactly this), or a --without-pip
 * venv. `<venv>/bin/python -m pip` would only say "No module named pip", so
 * a pip ≥ 22.3 drives it with --python; an older one refuses with the fix.
 */
function pipless(s: Situation, id: SituationId, found: Found, path: string): boolean {
  const { draft, config, interp } = s;
  const what = (did: FoundDid): Why => ({ kind: 'found', found, did });
  if (!atLeast(interp.pipVersion, PIP_PYTHON_OPTION)) {
    refuse(draft, config, id, what({ kind: 'venv-no-pip', path }), [rebuild(s, path)]);
    return true;
  }
  draft.pythonOption = `${path}/bin/python`;
  neutraliseUser(s);
  const did = {
    kind: 'venv-pipless',
    path,
    pipVersion: interp.pipVersion,
    rebuild: rebuild(s, path),
  } as const;
  applied(draft, config, id, 'venv', what(did));
  return true;
}

function rebuild(s: Situation, path: string): NextStep {
  const python = s.config.config.venv.python ?? s.interp.executable;
  return { kind: 'rebuild-venv', python, path };
}

/** Absolute venv path: config's, against the project root; the found `.venv` for the default. */
export function venvPath(
  configured: string,
  projectRoot: string,
  projectVenv: string | null,
): string {
  if (configured === '.venv' && projectVenv !== null) return projectVenv;
  if (configured.startsWith('/')) return configured;
  const rel = configured.replace(/^\.\//, '');
  return `${projectRoot.replace(/\/$/, '')}/${rel}`;
}

/**
 * Whether the config's `venv.path` names one venv on the user's own
 * authority: absolute, from the org, the user, PIPWARDEN_* or `--set`; or
 * from a project file the user trusted. Never from an untrusted project file
 * (which a cloned repository writes).
 */
export function venvNamedByUser(config: ResolvedConfig): boolean {
  const source = config.sources['venv.path'];
  const level = source?.level;
  if (level === 'project') {
    return config.layers.some((l) => l.file === source?.file && l.trusted === true);
  }
  const named = level === 'org' || level === 'user' || level === 'env' || level === 'flag';
  return named && config.config.venv.path.startsWith('/');
}
