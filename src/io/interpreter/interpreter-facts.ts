import { accessSync, constants } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { PythonFlags } from '../../core/argv/types.js';
import type { Env } from '../../core/env.js';
import type { EnvKind, InterpreterFacts } from '../../core/facts.js';
import { exists, isDir, isFile, safeRealpath } from '../fs-checks.js';
import { homeDir } from '../paths.js';
import { isCondaBasePrefix } from './active-env.js';
import type { ProbeResult } from './probe.js';
import { includesSystemSitePackages, readPyvenvCfg } from './pyvenv-cfg.js';

export interface InterpreterFactsOptions {
  env: Env;
  /** Interpreter flags in effect (`python -s -m pip`, or a shebang's). */
  flags: PythonFlags;
  cwd: string;
  /** The pip the call imports ahead of the probed one (a PYTHONPATH entry's, path-pip.ts). */
  pip?: { version: string; requiresPython: string | null } | null;
}

/**
 * Everything about an interpreter that depends on who runs it and how:
 * computed in Node on every call, never cached.
 */
export function interpreterFacts(
  invoked: string,
  probe: ProbeResult,
  opts: InterpreterFactsOptions,
): InterpreterFacts {
  const { env, flags } = opts;
  // -E and -I make Python ignore PYTHONUSERBASE and PYTHONNOUSERSITE.
  const envIgnored = flags.ignoreEnvironment || flags.isolated;
  const userBase = (!envIgnored && env.PYTHONUSERBASE) || join(homeDir(env), '.local');
  const [major, minor] = probe.version;
  const userSite = join(userBase, probe.userSiteRel ?? `lib/python${major}.${minor}/site-packages`);
  // sysconfig's posix_user scheme: scripts = {userbase}/bin.
  const userScripts = join(userBase, 'bin');
  const noUserSite =
    flags.noUserSite || flags.isolated || (!envIgnored && Boolean(env.PYTHONNOUSERSITE));
  const cfg = readPyvenvCfg(probe.prefix);
  const envKind = envKindOf(probe.prefix, cfg !== null || inVirtualenv(probe));
  return {
    executable: invoked,
    realpath: safeRealpath(invoked),
    version: probe.version,
    prefix: probe.prefix,
    realPrefix: safeRealpath(probe.prefix),
    basePrefix: probe.basePrefix,
    purelib: probe.purelib,
    platlib: probe.platlib,
    stdlib: probe.stdlib,
    scripts: probe.scripts,
    sitePackagesWritable: sitePackagesWritable(probe),
    enableUserSite: probe.enableUserSite === true && !noUserSite,
    userBase,
    userSite,
    userScripts,
    userScriptsOnPath: onPath(userScripts, env.PATH ?? '', opts.cwd),
    externallyManaged: externallyManaged(probe),
    pipVersion: opts.pip?.version ?? probe.pipVersion,
    pipRequiresPython: opts.pip ? opts.pip.requiresPython : probe.pipRequiresPython,
    envKind,
    includeSystemSitePackages: cfg === null ? null : includesSystemSitePackages(cfg),
    isCondaBase: envKind === 'conda' && isCondaBasePrefix(probe.prefix, env),
  };
}

/** pip's site_packages_writable(): test_writable_dir on both purelib and platlib. */
export function sitePackagesWritable(probe: Pick<ProbeResult, 'purelib' | 'platlib'>): boolean {
  return [...new Set([probe.purelib, probe.platlib])].every(testWritableDir);
}

/**
 * pip/_internal/utils/filesystem.py test_writable_dir on POSIX: walk up to
 * the nearest existing directory, then access(W_OK) — real uid, like os.access.
 */
export function testWritableDir(path: string): boolean {
  let dir = path;
  while (!isDir(dir)) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** pip's running_under_virtualenv(): sys.prefix ≠ sys.base_prefix, or sys.real_prefix set. */
export function inVirtualenv(probe: Pick<ProbeResult, 'prefix' | 'basePrefix'>): boolean {
  return probe.prefix !== probe.basePrefix;
}

/** pip's check_externally_managed(): `<stdlib>/EXTERNALLY-MANAGED` is a file, outside a virtualenv. */
export function externallyManaged(probe: ProbeResult): string | null {
  if (inVirtualenv(probe)) return null;
  const marker = join(probe.stdlib, 'EXTERNALLY-MANAGED');
  return isFile(marker) ? marker : null;
}

/**
 * Real trees never carry both markers (conda envs have no pyvenv.cfg, venvs
 * no conda-meta), so the order is free; conda-meta goes first so a prefix
 * that claims to be conda's is treated as conda's.
 */
export function envKindOf(prefix: string, isVenv: boolean): EnvKind {
  if (exists(join(prefix, 'conda-meta', 'pixi'))) return 'pixi';
  if (isDir(join(prefix, 'conda-meta'))) return 'conda';
  return isVenv ? 'venv' : 'system';
}

function onPath(dir: string, pathValue: string, cwd: string): boolean {
  const want = safeRealpath(dir);
  return pathValue
    .split(':')
    .filter((e) => e !== '')
    .some((e) => {
      const abs = isAbsolute(e) ? e : resolve(cwd, e);
      return abs === dir || safeRealpath(abs) === want;
    });
}
