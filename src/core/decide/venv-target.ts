import type { SituationId } from '../config/types.js';
import { applied, refuse } from './draft.js';
import { neutraliseUser, type Situation } from './situations.js';

/**
 * The `venv` action: install into the configured venv (default: the
 * project's `.venv`), creating it first when allowed. The venv's own python
 * runs pip, so nothing else about the original interpreter matters.
 */
export function useVenv(s: Situation, id: SituationId, what: string): void {
  const { facts, config, draft, interp } = s;
  const { venv } = config.config;
  const path =
    facts.configuredVenv?.path ?? venvPath(venv.path, facts.projectRoot, facts.projectVenv);
  const exists = facts.configuredVenv?.exists ?? false;
  const python = `${path}/bin/python`;
  if (!exists && !venv.create) {
    refuse(
      draft,
      config,
      id,
      `${what}, and the venv ${path} does not exist (venv.create: false)`,
      `${interp.executable} -m venv ${path}, then run pip again`,
    );
    return;
  }
  if (!exists) draft.before.push([venv.python ?? interp.executable, '-m', 'venv', path]);
  draft.runner = { kind: 'python', python };
  neutraliseUser(s);
  applied(
    draft,
    config,
    id,
    'venv',
    `${what}; installing into ${exists ? 'the venv' : 'a new venv'} ${path}`,
  );
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
