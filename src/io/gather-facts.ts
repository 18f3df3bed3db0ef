import { existsSync } from 'node:fs';
import type { PythonFlags } from '../core/argv/types.js';
import { PipwardenError } from '../core/errors.js';
import type { Facts, InterpreterFacts, ToolFacts } from '../core/facts.js';
import { detectActiveEnv } from './active-env.js';
import { inVirtualenv, liveFacts } from './live-facts.js';
import { cacheDir as defaultCacheDir, shimDir } from './paths.js';
import { readPep668Message } from './pep668-message.js';
import { readPipSettings } from './pip-config.js';
import type { ProbeResult, Spawner } from './probe.js';
import { probeInterpreter } from './probe-cache.js';
import { findProjectRoot, findProjectVenv } from './project.js';
import { resolveInterpreter } from './resolve-interpreter.js';

type Env = Record<string, string | undefined>;

export interface GatherOptions {
  /** The user's command: what they typed and the real executable (our shims excluded). */
  tool: ToolFacts;
  env: Env;
  cwd: string;
  /** Interpreter flags of `python [-s|-E|-I] -m pip`. */
  pythonFlags?: PythonFlags;
  /** pip's subcommand, for which config section applies; undefined for none. */
  pipSubcommand?: string;
  /** pip's `--isolated`: no user config files, no PIP_* variables. */
  isolated?: boolean;
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
  if (tool.path !== null && !opts.skipInterpreter) {
    const resolved = await resolveInterpreter(tool.path, {
      env,
      cwd,
      exclude: opts.exclude ?? [shimDir(env)],
    });
    resolution.push(...resolved.steps);
    pyenvSpawned = resolved.pyenvSpawned;
    if (resolved.interpreter !== null) {
      if (resolved.interpreter !== tool.path && !existsSync(resolved.interpreter)) {
        throw new PipwardenError(
          'probe',
          `${tool.path}: its interpreter ${resolved.interpreter} does not exist`,
          `reinstall pip for the Python you meant (python3 -m ensurepip --upgrade), or remove the stale ${tool.path}`,
        );
      }
      probe = await probeInterpreter(resolved.interpreter, {
        env,
        cacheDir: opts.cacheDir === undefined ? defaultCacheDir(env) : opts.cacheDir,
        ...(opts.spawn ? { spawn: opts.spawn } : {}),
      });
      const flags = orFlags(opts.pythonFlags ?? NO_FLAGS, resolved.flags);
      interpreter = liveFacts(resolved.interpreter, probe, { env, flags, cwd });
      if (interpreter.externallyManaged !== null) {
        interpreter.externallyManagedMessage = readPep668Message(
          interpreter.externallyManaged,
          env,
        );
      }
    }
  }
  const pipSettings = readPipSettings({
    env,
    cwd,
    isolated: opts.isolated ?? false,
    subcommand: opts.pipSubcommand ?? null,
    sysPrefix: probe?.prefix ?? null,
    inVirtualenv: probe !== null && inVirtualenv(probe),
    pipVersion: probe?.pipVersion ?? null,
    pythonVersion: probe ? [probe.version[0], probe.version[1]] : null,
  });
  const uid = process.getuid?.() ?? -1;
  return {
    tool,
    interpreter,
    activeEnv: detectActiveEnv(env),
    pipSettings,
    user: { uid, isRoot: uid === 0, sudoUser: uid === 0 ? env.SUDO_USER || null : null },
    projectVenv: findProjectVenv(cwd),
    projectRoot: findProjectRoot(cwd),
    cwd,
    debug: { resolution, pyenvSpawned },
  };
}

function orFlags(a: PythonFlags, b: PythonFlags): PythonFlags {
  return {
    isolated: a.isolated || b.isolated,
    ignoreEnvironment: a.ignoreEnvironment || b.ignoreEnvironment,
    noUserSite: a.noUserSite || b.noUserSite,
  };
}
