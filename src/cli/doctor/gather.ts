import { classifyCall } from '../../core/call.js';
import { decide } from '../../core/decide/decide.js';
import { venvNamedByUser } from '../../core/decide/venv-target.js';
import { type Facts, noPipSettings } from '../../core/facts.js';
import { loadConfig } from '../../io/config/load-config.js';
import { isWritableDir, samePlace } from '../../io/fs-checks.js';
import { gatherFacts } from '../../io/gather-facts.js';
import { findOnPath } from '../../io/interpreter/which.js';
import { packageVersion } from '../../io/package-paths.js';
import { cacheDir, shimDir } from '../../io/paths.js';
import { planCacheStats } from '../../io/plan-cache/save-plan.js';
import { allOnPath } from '../../io/shell/path-commands.js';
import { findInitLines, zshrcRunsCompinit } from '../../io/shell/shell-rc.js';
import { inspectShimDir } from '../../io/shims/inspect-shim-dir.js';
import { shimDirsToSkip } from '../../io/shims/marked-shim-dirs.js';
import { discoverShimNames } from '../../io/shims/shim-names.js';
import type { CommandContext } from '../context.js';
import type { DoctorReport, PathCommand } from './report.js';

const NAMES = ['pip', 'pip3', 'python', 'python3'];
/** A placeholder package: decide() looks at where an install goes, not at what. */
const PKG = '<pkg>';

/** Read everything doctor shows, once; checks are added by the command. */
export async function gatherDoctor(ctx: CommandContext): Promise<Omit<DoctorReport, 'checks'>> {
  const { env, cwd, home } = ctx;
  const dir = shimDir(env);
  const pathValue = env.PATH ?? '';
  const first = pathValue.split(':')[0] ?? '';
  const loaded = await loadConfig({ cwd, env, home });
  // The shim dir and every marked dir on PATH (follow dirs, another rehash --dir's).
  const skip = shimDirsToSkip(env, cwd);
  const path = NAMES.map((name) => pathCommand(name, pathValue, cwd, skip));
  const pipCmd = path.find((p) => p.name === 'pip' && p.resolvesTo !== null) ? 'pip' : 'python3';
  const real = findOnPath(pipCmd, pathValue, { exclude: skip, cwd });
  const call = classifyCall(
    pipCmd,
    pipCmd === 'pip' ? ['install', PKG] : ['-m', 'pip', 'install', PKG],
  );
  let facts: Facts | null = null;
  let error: string | null = null;
  try {
    facts = await gatherFacts({
      tool: { kind: pipCmd === 'pip' ? 'pip' : 'python', name: pipCmd, path: real },
      env,
      cwd,
      exclude: skip,
      pipSubcommand: 'install',
      cacheDir: cacheDir(env),
      venvPath: loaded.resolved.config.venv.path,
      venvPathNamedByUser: venvNamedByUser(loaded.resolved),
      disposableUserSite: loaded.resolved.config.disposableUserSite,
    });
  } catch (e) {
    error = (e as Error).message;
  }
  let pipInstall: DoctorReport['pipInstall'] = null;
  if (facts !== null && call !== null && loaded.errors.length === 0) {
    const plan = decide(call, facts, loaded.resolved);
    pipInstall = {
      action: plan.action,
      command: plan.action === 'refuse' || plan.action === 'ask' ? null : plan.command,
      reasons: plan.reasons.map((r) => r.message),
    };
  }
  const shims = inspectShimDir(dir);
  const shimmed = new Set(shims.shims.filter((s) => s.stamp !== null).map((s) => s.name));
  const followed = new Set(shims.follow.filter((s) => s.stamp !== null).map((s) => s.name));
  const entries = pathValue.split(':');
  return {
    pipwarden: {
      version: packageVersion(),
      node: process.versions.node,
      shims,
      shimDirFirstOnPath: first !== '' && samePlace(first, dir),
      // Routed: a main shim, or this PATH finds a pipwarden shim (a follow dir) first.
      unshimmed: shims.exists
        ? discoverShimNames(env, dir)
            .filter((n) => !shimmed.has(n.name))
            .filter((n) => allOnPath(n.name, pathValue, cwd)[0]?.pipwardenShim !== true)
            .map(({ name, from }) => ({
              name,
              from,
              onPath: entries.includes(from),
              followShim: followed.has(name),
            }))
        : [],
      shimDirWritable: isWritableDir(dir),
      initLines: findInitLines(home, env),
      zshCompinit: env.SHELL?.endsWith('zsh') ? zshrcRunsCompinit(home, env) : null,
      shell: env.SHELL ? (env.SHELL.split('/').pop() ?? null) : null,
      disabled: env.PIPWARDEN_DISABLE === '1',
      planCache: { on: env.PIPWARDEN_PLAN_CACHE !== '0', ...planCacheStats(env) },
      config: {
        layers: loaded.resolved.layers.map((l) => ({ level: l.level, file: l.file })),
        errors: loaded.errors,
        warnings: loaded.warnings,
      },
    },
    path,
    activeEnv: facts?.activeEnv ?? null,
    pip: { command: real, interpreter: facts?.interpreter ?? null, error },
    pipSettings: facts?.pipSettings ?? noPipSettings(),
    importer: facts?.importer ?? null,
    onPipPythonMismatch: loaded.resolved.config.onPipPythonMismatch.action,
    pipInstall,
  };
}

function pathCommand(name: string, pathValue: string, cwd: string, skip: string[]): PathCommand {
  const hits = allOnPath(name, pathValue, cwd);
  const head = hits[0];
  const caught = head?.pipwardenShim === true;
  const resolvesTo = caught
    ? findOnPath(name, pathValue, { exclude: skip, cwd })
    : (head?.path ?? null);
  return { name, hits, caught, resolvesTo };
}
