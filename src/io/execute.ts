import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Env } from '../core/env.js';
import { PipwardenError } from '../core/errors.js';
import type { EnvChange, Plan } from '../core/plan.js';

/**
 * Carry out a plan for `pipwarden run`. Node cannot exec(2), so it spawns
 * with inherited stdio and stands by: signals sent to us are forwarded and a
 * signal death is mirrored, so callers see what they would have seen from
 * pip (volta lost signals this way: volta#1947). The shims avoid all of this
 * by exec'ing the plan in sh.
 */
export async function execute(plan: Plan, env: Env): Promise<number> {
  if (plan.action === 'refuse') return plan.exitCode;
  const childEnv = applyEnv(env, plan.env);
  if (plan.action === 'rewrite') {
    for (const step of plan.before) {
      const code = await runChild(step, childEnv);
      if (code !== 0) return code;
    }
  }
  return runChild(plan.command, childEnv, plan.action === 'rewrite' ? plan.dir : undefined);
}

export function applyEnv(env: Env, change: EnvChange): Env {
  const out = { ...env };
  for (const name of change.unset) delete out[name];
  Object.assign(out, change.set);
  return out;
}

// SIGINT and SIGQUIT from a terminal reach the whole foreground process
// group, pip included; forwarding them again would interrupt pip's own
// clean-up. Without a terminal, they were meant for us alone: forward.
const ALWAYS = ['SIGTERM', 'SIGHUP', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH'] as const;
const UNLESS_TTY = ['SIGINT', 'SIGQUIT'] as const;

function runChild(argv: string[], env: Env, cwd?: string): Promise<number> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.resolve(0);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: 'inherit', env, ...(cwd ? { cwd } : {}) });
    const forwarded: NodeJS.Signals[] = [...ALWAYS, ...(process.stdin.isTTY ? [] : UNLESS_TTY)];
    const handlers = new Map<NodeJS.Signals, () => void>();
    const ignoreOnly = process.stdin.isTTY ? UNLESS_TTY : [];
    for (const sig of forwarded) {
      const h = () => {
        child.kill(sig);
      };
      handlers.set(sig, h);
      process.on(sig, h);
    }
    for (const sig of ignoreOnly) {
      const h = () => {};
      handlers.set(sig, h);
      process.on(sig, h);
    }
    const cleanup = () => {
      for (const [sig, h] of handlers) process.off(sig, h);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      cleanup();
      reject(
        error.code === 'ENOENT' || error.code === 'EACCES'
          ? new PipwardenError(
              'not-found',
              `${file}: cannot be run (${error.code})`,
              'run pipwarden rehash, or check PATH',
            )
          : error,
      );
    });
    child.on('exit', (code, signal) => {
      cleanup();
      if (signal) {
        // Die the same death, so a parent shell sees 128+n and the signal.
        process.kill(process.pid, signal);
        resolve(128 + (constants.signals[signal] ?? 0));
        return;
      }
      resolve(code ?? 0);
    });
  });
}
