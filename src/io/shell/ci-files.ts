import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../../core/env.js';
import { makeDirs } from '../make-dirs.js';
import { dataDir } from '../paths.js';
import { writeIfChanged } from '../shims/write-atomic.js';

/** `<XDG data>/pipwarden/ci-env.sh`: what `init --ci` asks a CI job's later steps to source. */
export function ciEnvFile(env: Env): string {
  return join(dataDir(env), 'ci-env.sh');
}

export function writeCiEnvFile(env: Env, text: string): string {
  makeDirs(dataDir(env));
  writeIfChanged(dataDir(env), 'ci-env.sh', text, 0o644);
  return ciEnvFile(env);
}

/** Append to a runner's file ($GITHUB_PATH, $BASH_ENV); null when done, else the errno code. */
export function appendToRunnerFile(file: string, text: string): string | null {
  try {
    appendFileSync(file, text);
    return null;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? String(e);
  }
}
