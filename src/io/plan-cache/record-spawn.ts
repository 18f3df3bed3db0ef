import { createRequire } from 'node:module';
import { patchMethod } from './patch-method.js';

// The module's own object, which ESM named imports follow after syncBuiltinESMExports().
const childProcess: typeof import('node:child_process') = createRequire(import.meta.url)(
  'node:child_process',
);
const SPAWNS = ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync', 'fork'];

/**
 * Wraps node:child_process so any program run spoils the decision: its answer
 * may depend on anything, and sh would not run it again. The undo goes onto `restore`.
 */
export function recordSpawns(spoil: (why: string) => void, restore: (() => void)[]): void {
  const cp = childProcess as unknown as Record<string, unknown>;
  for (const name of SPAWNS) patchMethod(cp, name, (a) => spoil(`it ran ${String(a[0])}`), restore);
}
