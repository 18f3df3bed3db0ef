import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built CLI: `npm test` builds before vitest runs. */
export const MAIN = join(ROOT, 'dist', 'cli', 'main.js');

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env: Record<string, string>;
  cwd?: string;
  /** Run as the unprivileged user `nobody` (setpriv), to make root-owned dirs really non-writable. */
  asNobody?: boolean;
  input?: string;
}

/** Run any command, optionally as nobody; never throws on a non-zero exit. */
export function runCommand(argv: string[], opts: RunOptions): RunResult {
  const [file, ...args] = opts.asNobody
    ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', ...argv]
    : argv;
  const r: SpawnSyncReturns<string> = spawnSync(file as string, args, {
    env: opts.env,
    cwd: opts.cwd ?? '/',
    encoding: 'utf8',
    input: opts.input ?? '',
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** `pipwarden <args…>` through the built CLI. */
export function pipwarden(args: string[], opts: RunOptions): RunResult {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} missing: run npm run build first`);
  const main = opts.asNobody ? mainForNobody() : MAIN;
  return runCommand([process.execPath, main, ...args], opts);
}

/**
 * The CLI as nobody can run it: the checkout itself, or the copy
 * test/global-setup.ts made when the checkout is out of nobody's reach.
 */
export function mainForNobody(): string {
  return inject('nobodyMain') ?? MAIN;
}

/** Hand a test dir (recursively, shallowly enough for tests) to nobody. */
export function giveToNobody(...paths: string[]): void {
  for (const p of paths) {
    chownSync(p, 65534, 65534);
    chmodSync(p, 0o755);
  }
}

/** Let nobody traverse and read a root-owned test dir (mkdtemp makes 0700). */
export function openForNobody(...paths: string[]): void {
  for (const p of paths) chmodSync(p, 0o755);
}
