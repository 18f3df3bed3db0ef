import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { MAIN, ROOT } from './helpers/cli.js';
import { copyRuntimeDeps } from './helpers/runtime-deps.js';
import { machineSites, snapshotSites, strayed } from './stray-guard.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The CLI's main.js as nobody can read it. */
    nobodyMain: string;
  }
}

/**
 * Once per test run: the stray guard (the machine's own site-packages must
 * be unchanged at the end), and the copy of the CLI that nobody can run.
 */
export default function setup(project: TestProject): () => void {
  const sites = machineSites();
  const before = snapshotSites(sites);
  const copy = nobodyCopy(project);
  return () => {
    if (copy) rmSync(copy, { recursive: true, force: true });
    const changes = strayed(before, snapshotSites(machineSites()));
    if (changes.length) {
      // vitest reports a teardown error but still exits 0, so fail the run here.
      process.stderr.write(
        `FAIL tests changed the machine's own interpreters:\n${changes.join('\n')}\n`,
      );
      process.exitCode = 1;
    }
  };
}

/**
 * Tests that run the CLI as nobody need a copy nobody can read when the
 * checkout sits under /root (mode 0700), as a CI clone may. Made once for
 * the whole run: the built package plus its runtime dependencies.
 */
function nobodyCopy(project: TestProject): string | null {
  project.provide('nobodyMain', MAIN);
  if (!existsSync(MAIN) || process.getuid?.() !== 0) return null;
  const reach = spawnSync('setpriv', [
    '--reuid=nobody',
    '--regid=nogroup',
    '--clear-groups',
    'test',
    '-r',
    MAIN,
  ]);
  if (reach.status === 0) return null;
  const copy = mkdtempSync(join(tmpdir(), 'pipwarden-nobody-'));
  chmodSync(copy, 0o755);
  for (const part of ['dist', 'completions', 'package.json']) {
    cpSync(join(ROOT, part), join(copy, part), { recursive: true });
  }
  copyRuntimeDeps(ROOT, copy);
  execFileSync('chmod', ['-R', 'a+rX', copy]);
  project.provide('nobodyMain', join(copy, 'dist', 'cli', 'main.js'));
  return copy;
}
