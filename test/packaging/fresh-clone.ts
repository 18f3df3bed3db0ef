import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

/**
 * The files git knows (tracked, or new and not ignored) copied to `dest`:
 * a fresh clone of this checkout, with no dist/. Building there (npm pack's
 * prepack) leaves the dist/ other tests run untouched. node_modules is a
 * link to ours: the locked tools a fresh clone's `npm ci` would install.
 */
export function freshClone(dest: string): string {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f !== '' && existsSync(join(ROOT, f)));
  for (const f of files) {
    mkdirSync(dirname(join(dest, f)), { recursive: true });
    cpSync(join(ROOT, f), join(dest, f));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dest, 'node_modules'));
  return dest;
}
