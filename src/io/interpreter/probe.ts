import type { Env } from '../../core/env.js';
import { PipwardenError } from '../../core/errors.js';
import { PROBE_MARKER, PROBE_SCRIPT } from './probe-script.js';
import { isProbeResult, type ProbeResult } from './probe-shape.js';

/** What the interpreter says about itself; stable until it or its pip changes (so cacheable). */
export type { ProbeResult } from './probe-shape.js';

export interface SpawnResult {
  stdout: string;
  stderr: string;
  /** Exit code, or null when killed or never started. */
  code: number | null;
  error?: string;
}

/** Spawns a program; injectable so tests can count spawns. */
export type Spawner = (
  file: string,
  args: string[],
  opts: { env: Env; cwd: string; timeoutMs: number },
) => Promise<SpawnResult>;

/**
 * Runs the probe with execa. It is imported here, not at the top: only a
 * cache miss spawns anything, and a warm call should not pay for the import.
 */
export const defaultSpawner: Spawner = async (file, args, opts) => {
  const { execa } = await import('execa');
  const r = await execa(file, args, {
    env: opts.env,
    extendEnv: false, // exactly the user's environment, as pip would see it
    cwd: opts.cwd,
    timeout: opts.timeoutMs,
    maxBuffer: 4 << 20,
    stdin: 'ignore',
    reject: false,
  });
  const code = typeof r.exitCode === 'number' ? r.exitCode : null;
  // No exit code: it never started, timed out, or died of a signal.
  const error = code === null ? r.shortMessage : undefined;
  return {
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr ?? ''),
    code,
    ...(error === undefined ? {} : { error }),
  };
};

/**
 * Run the probe under `interpreter` (no cache). -E: PYTHON* variables are
 * applied later in Node, per call; -B: never write .pyc into the user's
 * tree. cwd is / so a `pip/` dir in the user's cwd cannot shadow the real one.
 */
export async function runProbe(
  interpreter: string,
  env: Env,
  spawn: Spawner = defaultSpawner,
): Promise<ProbeResult> {
  const res = await spawn(interpreter, ['-E', '-B', '-c', PROBE_SCRIPT], {
    env,
    cwd: '/',
    timeoutMs: 30_000,
  });
  const line = res.stdout.split('\n').find((l) => l.startsWith(PROBE_MARKER));
  if (res.code === 127 && line === undefined) {
    // A shim manager with no such command falls back to PATH and back to
    // pipwarden's shim, which ends it with 127 "command not found" (shim
    // re-entry): the call would fail the same way without pipwarden.
    throw new PipwardenError(
      'not-found',
      `${interpreter}: command not found (${res.stderr.split('\n')[0] || 'exit code 127'})`,
      'select a version that has it (pyenv shell/local/global, asdf or mise), or call another name',
    );
  }
  if (res.code !== 0 || line === undefined) {
    const why = res.error ?? (lastLine(res.stderr) || `exit code ${res.code}`);
    throw new PipwardenError(
      'probe',
      `${interpreter}: could not run the interpreter probe: ${why}`,
      `check that "${interpreter} -c 'import sys'" runs; reinstall that Python or set PIPWARDEN_DISABLE=1 to bypass pipwarden`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.slice(PROBE_MARKER.length));
  } catch {
    parsed = null;
  }
  if (!isProbeResult(parsed)) {
    throw new PipwardenError(
      'probe',
      `${interpreter}: the interpreter probe printed invalid JSON or missed a field`,
      'report this at pipwarden with the output of the probe; set PIPWARDEN_DISABLE=1 to bypass',
    );
  }
  return parsed;
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .filter((l) => l.trim() !== '')
      .pop() ?? ''
  );
}
