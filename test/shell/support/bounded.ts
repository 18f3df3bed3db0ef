import { spawn } from 'node:child_process';

export interface BoundedResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the time ran out and the whole process group was killed. */
  timedOut: boolean;
}

/**
 * Run argv in its own process group and kill the whole group after
 * `timeoutMs`, so a shim loop (one pid spinning, or a chain of children)
 * fails the test instead of hanging the run.
 */
export function runBounded(
  argv: string[],
  opts: { env: Record<string, string>; cwd?: string; timeoutMs?: number },
): Promise<BoundedResult> {
  const [file, ...args] = argv;
  const child = spawn(file as string, args, {
    env: opts.env,
    cwd: opts.cwd ?? '/',
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }, opts.timeoutMs ?? 10_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      // A chain of children may outlive the first pid: end the group either way.
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // none left
      }
      resolve({ status, signal, stdout, stderr, timedOut });
    });
  });
}
