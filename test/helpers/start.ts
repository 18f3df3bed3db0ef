import { spawn } from 'node:child_process';

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Run argv without a shell and without waiting in the test's own thread, so
 * many can run at once (races, signals); resolves on exit with the output.
 */
export function start(argv: string[], env: Record<string, string>, cwd = '/'): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = argv;
    const child = spawn(file as string, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
