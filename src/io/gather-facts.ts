import type { PythonFlags } from '../core/argv/types.js';
import type { Env } from '../core/env.js';
import type { Facts, InterpreterFacts, ToolFacts } from '../core/facts.js';
import { detectActiveEnv } from './interpreter/active-env.js';
import { inspectConfiguredVenv } from './interpreter/configured-venv.js';
import { findFallbackPip } from './interpreter/fallback-pip.js';
import { importOverrides } from './interpreter/import-overrides.js';
import { interpreterFacts, inVirtualenv } from './interpreter/interpreter-facts.js';
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
  const resolution: string[] = [];
  let pyenvSpawned = false;
  let probe: ProbeResult | null = null;
  let interpreter: InterpreterFacts | null = null;
  let importOverrideList: ReturnType<typeof importOverrides> = [];
  if (tool.path !== null && !opts.skipInterpreter) {
    const resolved = await resolveInterpreter(tool.path, {
      env,
      cwd,
      exclude: opts.exclude ?? [shimDir(env)],
    });
    resolution.push(...resolved.steps);
    pyenvSpawned = resolved.pyenvSpawned;
    if (resolved.interpreter !== null) {
      const problem =
        resolved.interpreter === tool.path
          ? null
          : interpreterProblem(tool.path, resolved.interpreter);
      if (problem) throw problem;
      probe = await probeInterpreter(resolved.interpreter, {
        env,
        cacheDir: opts.cacheDir === undefined ? defaultCacheDir(env) : opts.cacheDir,
        ...(opts.spawn ? { spawn: opts.spawn } : {}),
      });
      const flags = orFlags(opts.pythonFlags ?? NO_FLAGS, resolved.flags);
      interpreter = interpreterFacts(resolved.interpreter, probe, { env, flags, cwd });
      importOverrideList = importOverrides({
        env,
        cwd,
        kind: tool.kind,
        path: tool.path,
        flags,
        version: [probe.version[0], probe.version[1]],
        inVirtualenv: inVirtualenv(probe),
        sitePackages: [probe.purelib, probe.platlib],
      });
      if (interpreter.externallyManaged !== null) {
        interpreter.externallyManagedMessage = readPep668Message(
          interpreter.externallyManaged,
          env,
        );
      }
    }
  }
  const settingsInput = {
    env,
    cwd,
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
  pipSettings.userVars = opts.isolated ? [] : userVars(env);
  const projectVenv = findProjectVenv(cwd);
  const projectRoot = findProjectRoot(cwd);
  const exclude = opts.exclude ?? [shimDir(env)];
  const fallbackPip =
    interpreter !== null && interpreter.pipVersion === null && tool.kind === 'python'
      ? await findFallbackPip(interpreter, {
          env,
          cwd,
          exclude,
          cacheDir: opts.cacheDir === undefined ? defaultCacheDir(env) : opts.cacheDir,
          ...(opts.spawn ? { spawn: opts.spawn } : {}),
        })
      : undefined;
  const uid = process.getuid?.() ?? -1;
  return {
    tool,
    interpreter,
    activeEnv: detectActiveEnv(env),
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
    ...(opts.disposableUserSite && interpreter !== null && !env.PYTHONUSERBASE
      ? { disposableUserBase: disposableBase(env, interpreter.version) }
      : {}),
    ...(env.SHELL === undefined ? {} : { shell: env.SHELL }),
  };
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
