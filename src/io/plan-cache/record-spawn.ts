import { createRequire } from 'node:module';
import { builtinLoaded } from './builtin-loaded.js';
import { patchMethod } from './patch-method.js';

const SPAWNS = ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync', 'fork'];

/**
 * Wraps node:child_process so any program run spoils the decision: its answer
 * may depend on anything, and sh would not run it again. The undo goes onto
 * `restore`. When nothing has loaded node:child_process yet, nothing can run
 * a program through it until something does; then the decision is spoilt at
 * its end if anything loaded it meanwhile (a cold probe loads execa, which
 * does), rather than loading the module just to wrap it.
 */
export function recordSpawns(spoil: (why: string) => void, restore: (() => void)[]): void {
  if (!builtinLoaded('child_process')) {
    restore.push(() => {
      if (builtinLoaded('child_process')) spoil('it loaded node:child_process');
    });
    return;
  }
  // The module's own object, which ESM named imports follow after syncBuiltinESMExports().
  const cp = createRequire(import.meta.url)('node:child_process') as Record<string, unknown>;
  for (const name of SPAWNS) patchMethod(cp, name, (a) => spoil(`it ran ${String(a[0])}`), restore);
}
