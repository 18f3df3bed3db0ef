import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { MAIN, ROOT } from './helpers/cli.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The CLI's main.js as nobody can read it. */
    nobodyMain: string;
  }
}

/**
 * Tests that run the CLI as nobody need a copy nobody can read when the
 * checkout sits under /root (mode 0700), as a CI clone may. Made once for
 * the whole run: the built package plus its runtime dependencies.
 */
export default function setup(project: TestProject): (() => void) | undefined {
  project.provide('nobodyMain', MAIN);
  if (!existsSync(MAIN) || process.getuid?.() !== 0) return undefined;
  const reach = spawnSync('setpriv', [
    '--reuid=nobody',
    '--regid=nogroup',
    '--clear-groups',
    'test',
    '-r',
    MAIN,
  ]);
  if (reach.status === 0) return undefined;
  const copy = mkdtempSync(join(tmpdir(), 'pipwarden-nobody-'));
  chmodSync(copy, 0o755);
  for (const part of ['dist', 'completions', 'package.json']) {
    cpSync(join(ROOT, part), join(copy, part), { recursive: true });
  }
  const prod = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((p) => p.includes('node_modules'));
  for (const dir of prod) {
    const dest = join(copy, relative(ROOT, dir));
    mkdirSync(dirname(dest), { recursive: true });
    cpSync(dir, dest, { recursive: true });
  }
  execFileSync('chmod', ['-R', 'a+rX', copy]);
  project.provide('nobodyMain', join(copy, 'dist', 'cli', 'main.js'));
  return () => rmSync(copy, { recursive: true, force: true });
}
