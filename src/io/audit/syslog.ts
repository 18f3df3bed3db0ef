import { createRequire } from 'node:module';

/**
 * Sends one record to syslog/journald through util-linux `logger`, so the
 * org's existing log shipping collects it (no log server of our own). The
 * line goes on stdin: no argv limit, no quoting. `logger` itself finds
 * /dev/log or journald's socket.
 */
export function sendToSyslog(line: string, env: NodeJS.ProcessEnv): void {
  // Loaded here, not with the module: write-audit.ts imports this file for
  // every audited decision, and a decision that loads node:child_process is
  // never kept in the plan cache (record-spawn.ts).
  const { spawnSync }: typeof import('node:child_process') = createRequire(import.meta.url)(
    'node:child_process',
  );
  const r = spawnSync(
    'logger',
    ['--tag', 'pipwarden', '--priority', 'user.notice', '--size', '65536'],
    {
      input: line,
      env,
      stdio: ['pipe', 'ignore', 'pipe'],
      encoding: 'utf8',
      timeout: 5_000,
    },
  );
  if (r.error) throw r.error;
  if (r.status !== 0) {
    const why = r.stderr.trim().split('\n')[0] || `exit ${r.status ?? r.signal}`;
    throw new Error(`logger: ${why}`);
  }
}
