import type { PipInvocation } from '../argv/types.js';
import type { ResolvedConfig } from '../config/types.js';
import type { Facts, InterpreterFacts } from '../facts.js';
import { compareVersions } from '../version.js';
import { applied, type Draft, refuse, ruleFor } from './draft.js';
import { breaksSystemPackages, describeSource, type UserMode } from './user-mode.js';
import { useVenv } from './venv-target.js';

export interface Situation {
  inv: PipInvocation;
  facts: Facts;
  interp: InterpreterFacts;
  config: ResolvedConfig;
  draft: Draft;
  user: UserMode;
  /** `install` or `uninstall`. */
  subcommand: string;
}

/** pip grew a `--python` general option in 22.3 (pypa/pip#11320). */
export const PIP_PYTHON_OPTION = '22.3';
/** pip honours EXTERNALLY-MANAGED (PEP 668) from 23.0. */
export const PIP_PEP668 = '23.0';

/**
 * 1. User mode inside a venv without system site-packages. pip refuses:
 * "Can not perform a '--user' install. User site-packages are not visible in
 * this virtualenv." (pip/_internal/commands/install.py decide_user_install).
 */
export function userInVenv(s: Situation): void {
  const { interp, user, config, draft } = s;
  if (s.subcommand !== 'install' || user.value !== true) return;
  if (interp.envKind !== 'venv' || interp.includeSystemSitePackages === true) return;
  const rule = ruleFor(config, 'userInVenv');
  const from = user.source ? describeSource(user.source) : '--user';
  if (rule.action === 'pip') return;
  if (rule.action === 'refuse') {
    refuse(
      draft,
      config,
      'userInVenv',
      `user mode (${from}) inside the venv ${interp.prefix}`,
      'drop --user (or unset PIP_USER) to install into the venv',
    );
    return;
  }
  neutraliseUser(s);
  applied(
    draft,
    config,
    'userInVenv',
    'env',
    `installing into the venv ${interp.prefix}, not the user site: ${from} is ignored in a venv`,
  );
}

/** Drop `--user` from argv and override PIP_USER / pip.conf's `user = true`. */
export function neutraliseUser(s: Situation): void {
  if (s.user.value !== true) return;
  if (s.user.source?.kind === 'argv') s.draft.removeUser = true;
  // PIP_USER=0 beats every config file (pip reads env after files), and pip
  // parses it with strtobool, so "0" means False: an explicit non-user install.
  if (s.facts.pipSettings.user?.value === true) s.draft.envSet.PIP_USER = '0';
}

/**
 * 2. A conda or pixi env (or a venv) is active, but the pip that would run
 * belongs to another interpreter, so pip would install outside the env.
 * Returns true when pip was pointed at the env.
 */
export function foreignEnv(s: Situation): boolean {
  const { facts, interp, config, draft } = s;
  const env = facts.activeEnv;
  if (!env || env.python === null) return false;
  if (env.isCondaBase && !config.config.condaBase) return false;
  if (samePath(env.prefix, interp.prefix)) return false;
  // `python3.11 -m pip` or `pip3.11` names a version: redirect only to an env
  // that has that version, never quietly to another one.
  const wanted = /(\d+\.\d+)$/.exec(facts.tool.name)?.[1];
  if (wanted && env.pythonVersions && !env.pythonVersions.includes(wanted)) return false;
  const rule = ruleFor(config, 'foreignEnv');
  if (rule.action === 'pip') return false;
  const what = `${env.kind} env ${env.prefix} is active (${env.source}) but ${facts.tool.path} belongs to ${interp.prefix}`;
  if (rule.action === 'refuse') {
    refuse(draft, config, 'foreignEnv', what, installPipHint(env.kind, env.prefix));
    return true;
  }
  if (env.pip !== null) {
    draft.runner =
      s.facts.tool.kind === 'python'
        ? { kind: 'python', python: env.python }
        : { kind: 'pip-script', path: env.pip };
    applied(draft, config, 'foreignEnv', 'env', `${what}; using the env's own pip`);
    return true;
  }
  const pipVersion = interp.pipVersion;
  if (pipVersion !== null && compareVersions(pipVersion, PIP_PYTHON_OPTION) >= 0) {
    draft.pythonOption = env.python;
    applied(
      draft,
      config,
      'foreignEnv',
      'env',
      `${what}; the env has no pip, so running pip ${pipVersion} --python ${env.python}`,
    );
    return true;
  }
  refuse(
    draft,
    config,
    'foreignEnv',
    `${what}; the env has no pip, and pip ${pipVersion ?? '(none)'} is older than ${PIP_PYTHON_OPTION}, so it cannot target another interpreter`,
    installPipHint(env.kind, env.prefix),
  );
  return true;
}

function installPipHint(kind: string, prefix: string): string {
  if (kind === 'pixi') return 'pixi add pip (then run pip again)';
  if (kind === 'conda') return `conda install -p ${prefix} pip (then run pip again)`;
  return `${prefix}/bin/python -m ensurepip (then run pip again)`;
}

/** 3. Installing outside any env: the org "venv only" rule lives here. */
export function noEnv(s: Situation): boolean {
  const { interp, facts, config, draft } = s;
  const inEnv =
    interp.envKind === 'venv' ||
    interp.envKind === 'pixi' ||
    (interp.envKind === 'conda' && !(isCondaBase(s) && !config.config.condaBase));
  if (inEnv) return false;
  const rule = ruleFor(config, 'noEnv');
  if (rule.action === 'pip') return false;
  const what = `${facts.tool.path} is not in a venv, conda or pixi env (${interp.prefix})`;
  if (rule.action === 'refuse') {
    refuse(draft, config, 'noEnv', what, venvHint(s));
    return true;
  }
  useVenv(s, 'noEnv', what);
  return true;
}

function isCondaBase(s: Situation): boolean {
  const env = s.facts.activeEnv;
  return env?.isCondaBase === true && samePath(env.prefix, s.interp.prefix);
}

export function venvHint(s: Situation): string {
  const py = s.facts.tool.kind === 'python' ? s.facts.tool.name : 'python3';
  return `${py} -m venv .venv && . .venv/bin/activate, then run pip again`;
}

/** 4. PEP 668: pip refuses; we add the next step, or act as configured. */
export function externallyManaged(s: Situation): boolean {
  const { interp, config, draft } = s;
  if (interp.externallyManaged === null) return false;
  if (breaksSystemPackages(s.inv, s.facts)) return false;
  const rule = ruleFor(config, 'externallyManaged');
  const pep668 = interp.pipVersion !== null && compareVersions(interp.pipVersion, PIP_PEP668) >= 0;
  const what = `${interp.executable} is externally managed (PEP 668: ${interp.externallyManaged})`;
  if (rule.action === 'refuse') {
    refuse(draft, config, 'externallyManaged', what, venvHint(s));
    return true;
  }
  if (rule.action === 'venv') {
    useVenv(s, 'externallyManaged', what);
    return true;
  }
  if (config.config.allowBreakSystemPackages && pep668) {
    draft.addBreakSystemPackages = true;
    applied(
      draft,
      config,
      'externallyManaged',
      'pip',
      `${what}; adding --break-system-packages (allowBreakSystemPackages: true)`,
      'warning',
    );
    return true;
  }
  if (!pep668) return false;
  applied(
    draft,
    config,
    'externallyManaged',
    'pip',
    `${what}; pip will refuse. Next: ${venvHint(s)}, or set onExternallyManaged: venv`,
    'warning',
  );
  return true;
}

/**
 * 5. site-packages is not writable and the user site is enabled: pip would
 * print "Defaulting to user installation because normal site-packages is not
 * writeable" and install into ~/.local. We make that explicit (or act).
 */
export function notWritable(s: Situation): boolean {
  const { interp, config, draft, user } = s;
  if (s.subcommand !== 'install' || user.value !== null) return false;
  if (interp.sitePackagesWritable || !interp.enableUserSite) return false;
  const rule = ruleFor(config, 'notWritable');
  if (rule.action === 'pip') return false;
  const what = `${interp.purelib} is not writable`;
  if (rule.action === 'refuse') {
    refuse(draft, config, 'notWritable', what, `pip install --user, or ${venvHint(s)}`);
    return true;
  }
  if (rule.action === 'venv') {
    useVenv(s, 'notWritable', what);
    return true;
  }
  draft.addUser = true;
  const onPath = interp.userScriptsOnPath
    ? `scripts go to ${interp.userScripts}, which is on PATH`
    : `scripts go to ${interp.userScripts}, which is NOT on PATH: add it with export PATH="${interp.userScripts}:$PATH"`;
  applied(
    draft,
    config,
    'notWritable',
    'user',
    `${what}; installing with --user into ${interp.userSite} (${onPath})`,
  );
  return true;
}

/** 6. `sudo pip install` outside an env: root-owned files in the system prefix. */
export function sudo(s: Situation): void {
  const { facts, interp, config, draft } = s;
  if (!facts.user.isRoot || facts.user.sudoUser === null) return;
  if (interp.envKind !== 'system' || draft.runner.kind === 'python') return;
  const rule = ruleFor(config, 'sudo');
  const what = `running pip as root via sudo (SUDO_USER=${facts.user.sudoUser}) writes root-owned files into ${interp.prefix}`;
  if (rule.action === 'refuse') {
    refuse(draft, config, 'sudo', what, `run without sudo inside a venv: ${venvHint(s)}`);
    return;
  }
  applied(draft, config, 'sudo', 'pip', `${what}. Next: ${venvHint(s)}`, 'warning');
}

export function samePath(a: string, b: string): boolean {
  return trimSlash(a) === trimSlash(b);
}

function trimSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? trimSlash(p.slice(0, -1)) : p;
}
