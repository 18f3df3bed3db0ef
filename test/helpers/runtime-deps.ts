import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * Copy the package's runtime dependencies (not dev ones) from `root`'s
 * node_modules into `dest`/node_modules: for code that must run where the
 * checkout itself is out of reach (as nobody, under a mode-0700 /root).
 */
export function copyRuntimeDeps(root: string, dest: string): void {
  const dirs = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((p) => p.includes('node_modules'));
  for (const dir of dirs) {
    const to = join(dest, relative(root, dir));
    mkdirSync(dirname(to), { recursive: true });
    cpSync(dir, to, { recursive: true });
  }
}
