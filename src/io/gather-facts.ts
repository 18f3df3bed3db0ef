import { dirname } from 'node:path';
import type { PythonFlags } from '../core/argv/types.js';
import { samePrefix } from '../core/decide/same-path.js';
import type { Env } from '../core/env.js';
import type { ActiveEnv, Facts, InterpreterFacts, PipSettings, ToolFacts } from '../core/facts.js';
import type { ImportOverride } from '../core/import-override.js';
import { safeRealpath } from './fs-checks.js';
import { detectActiveEnv } from './interpreter/active-env.js';
import { inspectConfiguredVenv } from './interpreter/configured-venv.js';
import { findFallbackPip, fits } from './interpreter/fallback-pip.js';
import { importOverrides } from './interpreter/import-overrides.js';
import { findImporter } from './interpreter/importer.js';
import { interpreterFacts, inVirtualenv } from './interpreter/interpreter-facts.js';
import { pythonPathPip } from './interpreter/path-pip.js';
import { readPep668Message } from './interpreter/pep668-message.js';
import type { ProbeResult, Spawner } from './interpreter/probe.js';
import { probeInterpreter } from './interpreter/probe-cache.js';
import { findProjectRoot, findProjectVenv } from './interpreter/project.js';
import { interpreterProblem, resolveInterpreter } from './interpreter/resolve-interpreter.js';
import { cacheDir as defaultCacheDir, shimDir } from './paths.js';
import { normalizeName, readPipSettings } from './pip-config/pip-config.js';
import { envNamesStartingWith } from './read-hints.js';
import { disposableBase } from './user-site/disposable-base.js';

export interface GatherOptions {
  /** The user's command: what they typed and the real executable (our shims excluded). */
  tool: ToolFacts;
  env: Env;
  cwd: string;
  /** Interpreter flags of `python [-s|-E|-I] -m pip`. */
  pythonFlags?: PythonFlags;
  /** pip's subcommand, for which config section applies; undefined for none. */
  pipSubcommand?: string;
  /**
   * pip ignores config only when the exact token `--isolated` is in its argv
   * (`"--isolated" in cmd_args`, pip/_internal/cli/main.py); an abbreviation
   * such as `--isol` isolates nothing. Callers pass that test's answer.
   */
  isolated?: boolean;
  /** Config `venv.path`, as configured (default `.venv`): resolved here into `configuredVenv`. */
  venvPath?: string;
  /** `venvPath` is absolute and came from the user's own config (not a project's): it vouches for that venv. */
  venvPathNamedByUser?: boolean;
  /** Config `disposableUserSite`: resolved here into `disposableUserBase`. */
  disposableUserSite?: boolean;
  /** Probe cache dir; default PIPWARDEN_CACHE_DIR, else the XDG cache. null: no cache. */
  cacheDir?: string | null;
  /** Our shim dirs, never an answer for a PATH lookup; default the configured shim dir. */
  exclude?: string[];
  /**
   * Skip the interpreter entirely (interpreter: null): for calls the engine
   * passes through whatever the interpreter is, so `pip list` never probes.
   */
  skipInterpreter?: boolean;
  /** Injectable spawner for the probe (tests count spawns with it). */
  spawn?: Spawner;
}

const NO_FLAGS: PythonFlags = { isolated: false, ignoreEnvironment: false, noUserSite: false };

/**
 * All the facts the engine decides on, read once. Only the interpreter probe
 * is cached; writability, user site, PATH, config and the active env are
 * read live on every call.
 */
export async function gatherFacts(opts: GatherOptions): Promise<Facts> {
  const { env, cwd, tool } = opts;
  const lookup = tool.path === null || opts.skipInterpreter ? null : pipLookup(opts);
  const { resolution, pyenvSpawned, probe, interpreter, importOverrideList } =
    tool.path === null || lookup === null
      ? NO_INTERPRETER
      : await gatherInterpreter(tool.path, opts, lookup);
  const pipSettings = gatherPipSettings(opts, probe);
  const projectVenv = findProjectVenv(cwd);
  const projectRoot = findProjectRoot(cwd);
  const activeEnv = detectActiveEnv(env);
  const fallbackPip =
    interpreter === null || lookup === null
      ? undefined
      : await gatherFallbackPip(interpreter, activeEnv, tool, lookup);
  const found =
    interpreter !== null && lookup !== null && tool.kind === 'pip'
      ? await findImporter(tool, interpreter, lookup)
      : { importer: null };
  const uid = process.getuid?.() ?? -1;
  return {
    tool,
    interpreter,
    activeEnv,
    pipSettings,
    user: { uid, isRoot: uid === 0, sudoUser: uid === 0 ? env.SUDO_USER || null : null },
    projectVenv,
    projectRoot,
    cwd,
    debug: { resolution, pyenvSpawned },
    configuredVenv: inspectConfiguredVenv(
      opts.venvPath ?? '.venv',
      projectRoot,
      projectVenv,
      env,
      opts.venvPathNamedByUser ?? false,
    ),
    ...(fallbackPip === undefined ? {} : { fallbackPip }),
    ...(importOverrideList.length > 0 ? { importOverrides: importOverrideList } : {}),
    ...(found.importer === null ? {} : { importer: found.importer }),
    ...(found.kernel === undefined ? {} : { jupyterKernel: found.kernel }),
    ...(opts.disposableUserSite && interpreter !== null && !env.PYTHONUSERBASE
      ? { disposableUserBase: disposableBase(env, interpreter.version) }
      : {}),
    ...(env.SHELL === undefined ? {} : { shell: env.SHELL }),
  };
}

/** Where other pips and importers are looked for, and the probe cache they share. */
interface PipLookup {
  env: Env;
  cwd: string;
  exclude: string[];
  cacheDir: string | null;
  spawn?: Spawner;
}

/** Read only for a call whose interpreter is gathered: the others never look for a pip. */
function pipLookup(opts: GatherOptions): PipLookup {
  return {
    env: opts.env,
    cwd: opts.cwd,
    exclude: opts.exclude ?? [shimDir(opts.env)],
    cacheDir: opts.cacheDir === undefined ? defaultCacheDir(opts.env) : opts.cacheDir,
    ...(opts.spawn ? { spawn: opts.spawn } : {}),
  };
}

interface InterpreterGathered {
  /** How the tool led to its interpreter (explain's debug lines). */
  resolution: string[];
  pyenvSpawned: boolean;
  probe: ProbeResult | null;
  interpreter: InterpreterFacts | null;
  importOverrideList: ImportOverride[];
}

const NO_INTERPRETER: InterpreterGathered = {
  resolution: [],
  pyenvSpawned: false,
  probe: null,
  interpreter: null,
  importOverrideList: [],
};

/**
 * The interpreter the tool runs, probed, with what this call changes about
 * it: the flags in effect, a PYTHONPATH entry's pip, and whatever puts
 * another pip or prefix on the way to pip (import-overrides.ts).
 */
async function gatherInterpreter(
  toolPath: string,
  opts: GatherOptions,
  lookup: PipLookup,
): Promise<InterpreterGathered> {
  const { env, cwd, tool } = opts;
  const resolved = await resolveInterpreter(toolPath, { env, cwd, exclude: lookup.exclude });
  const resolution = [...resolved.steps];
  const pyenvSpawned = resolved.pyenvSpawned;
  if (resolved.interpreter === null) return { ...NO_INTERPRETER, resolution, pyenvSpawned };
  const problem =
    resolved.interpreter === toolPath ? null : interpreterProblem(toolPath, resolved.interpreter);
  if (problem) throw problem;
  const probe = await probeInterpreter(resolved.interpreter, {
    env,
    cacheDir: lookup.cacheDir,
    ...(lookup.spawn ? { spawn: lookup.spawn } : {}),
  });
  const flags = orFlags(opts.pythonFlags ?? NO_FLAGS, resolved.flags);
  // The user's own call imports a PYTHONPATH entry's pip ahead of the probed one.
  const pip = pythonPathPip({ env, flags, first: firstOnSysPath(tool, cwd, flags, env, probe) });
  if (pip !== null) resolution.push(`pip ${pip.version} from PYTHONPATH entry ${pip.dir}`);
  const interpreter = interpreterFacts(resolved.interpreter, probe, { env, flags, cwd, pip });
  if (interpreter.externallyManaged !== null) {
    interpreter.externallyManagedMessage = readPep668Message(interpreter.externallyManaged, env);
  }
  const importOverrideList = importOverrides({
    env,
    cwd,
    kind: tool.kind,
    path: toolPath,
    flags,
    version: [probe.version[0], probe.version[1]],
    inVirtualenv: inVirtualenv(probe),
    sitePackages: [probe.purelib, probe.platlib],
  });
  return { resolution, pyenvSpawned, probe, interpreter, importOverrideList };
}

/** pip's settings from its config files and `PIP_*`, as the pip of `probe` reads them. */
function gatherPipSettings(opts: GatherOptions, probe: ProbeResult | null): PipSettings {
  const settingsInput = {
    env: opts.env,
    cwd: opts.cwd,
    isolated: opts.isolated ?? false,
    subcommand: opts.pipSubcommand ?? null,
    sysPrefix: probe?.prefix ?? null,
    inVirtualenv: probe !== null && inVirtualenv(probe),
    pipVersion: probe?.pipVersion ?? null,
    pythonVersion: probe ? ([probe.version[0], probe.version[1]] as [number, number]) : null,
  };
  const pipSettings = readPipSettings(settingsInput);
  // pip's main parser (named "global") is never isolated: it reads every
  // config file's [global] and PIP_* even under --isolated, and re-executes
  // under PIP_PYTHON / `python = …` (pip/_internal/cli/main_parser.py).
  pipSettings.python = readPipSettings({
    ...settingsInput,
    isolated: false,
    subcommand: null,
  }).python;
  pipSettings.userVars = opts.isolated ? [] : userVars(opts.env);
  return pipSettings;
}

/** Another pip, when this call's pip cannot serve (fallbackTarget); undefined when none is needed. */
async function gatherFallbackPip(
  interpreter: InterpreterFacts,
  activeEnv: ActiveEnv | null,
  tool: ToolFacts,
  lookup: PipLookup,
): Promise<Facts['fallbackPip']> {
  const target = fallbackTarget(interpreter, activeEnv, tool);
  if (target === undefined) return undefined;
  return findFallbackPip(interpreter, { ...lookup, target });
}

/**
 * What python puts on sys.path ahead of PYTHONPATH (Modules/getpath,
 * import-overrides.ts): the cwd for `python -m`, the script's dir for a
 * pip script; nothing under -P, -I or PYTHONSAFEPATH (3.11+).
 */
function firstOnSysPath(
  tool: ToolFacts,
  cwd: string,
  flags: PythonFlags,
  env: Env,
  probe: ProbeResult,
): string[] {
  const useEnv = !flags.ignoreEnvironment && !flags.isolated;
  const [major, minor] = probe.version;
  const safe =
    flags.safePath ||
    flags.isolated ||
    (useEnv && Boolean(env.PYTHONSAFEPATH) && major === 3 && minor >= 11);
  if (safe || tool.path === null) return [];
  return tool.kind === 'python' ? [cwd] : [dirname(tool.path), dirname(safeRealpath(tool.path))];
}

/**
 * The `X.Y` another pip must run under when this one cannot serve: `python
 * -m pip` of an interpreter without pip (its own version), or an active env
 * without pip (foreign-env.ts) whose python this pip cannot run under, or
 * not by `--python` at all. Undefined: no other pip is needed.
 */
function fallbackTarget(
  interp: InterpreterFacts,
  active: ActiveEnv | null,
  tool: ToolFacts,
): string | null | undefined {
  if (interp.pipVersion === null && tool.kind === 'python') {
    return `${interp.version[0]}.${interp.version[1]}`;
  }
  if (active === null || active.python === null || active.pip !== null) return undefined;
  if (samePrefix(active, interp)) return undefined;
  const wanted = active.pythonVersion ?? null;
  const own = { version: interp.pipVersion, requiresPython: interp.pipRequiresPython ?? null };
  return fits(own, wanted) ? undefined : wanted;
}

/** Every PIP_* variable pip reads as `user` or `no-user` (pip lower-cases and maps `_` to `-`). */
function userVars(env: Env): string[] {
  return envNamesStartingWith(env, 'PIP_').filter((k) => {
    if (env[k] === undefined) return false;
    const name = normalizeName(k.slice(4));
    return name === 'user' || name === 'no-user';
  });
}

function orFlags(a: PythonFlags, b: PythonFlags): PythonFlags {
  const noSite = a.noSite || b.noSite;
  const safePath = a.safePath || b.safePath;
  return {
    isolated: a.isolated || b.isolated,
    ignoreEnvironment: a.ignoreEnvironment || b.ignoreEnvironment,
    noUserSite: a.noUserSite || b.noUserSite,
    ...(noSite ? { noSite } : {}),
    ...(safePath ? { safePath } : {}),
  };
}
