import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface VenvOptions {
  withoutPip?: boolean;
  systemSitePackages?: boolean;
}

/** Make a real venv with `python -m venv` (virtualenv semantics for 2.7 are not needed by tests). */
export function makeVenv(python: string, dir: string, opts: VenvOptions = {}): string {
  const args = ['-m', 'venv'];
  if (opts.withoutPip) args.push('--without-pip');
  if (opts.systemSitePackages) args.push('--system-site-packages');
  args.push(dir);
  execFileSync(python, args, { env: { PATH: '/usr/bin:/bin', HOME: dir }, stdio: 'pipe' });
  return dir;
}

/** The site-packages dir of a prefix (venv, conda-like prefix or user base). */
export function sitePackages(prefix: string): string {
  const lib = join(prefix, 'lib');
  const py = readdirSync(lib).find((d) => d.startsWith('python'));
  if (!py) throw new Error(`no lib/python* under ${prefix}`);
  return join(lib, py, 'site-packages');
}

/** Whether package `name` landed in the site-packages of `prefix`. */
export function installedIn(prefix: string, name: string): boolean {
  try {
    return existsSync(join(sitePackages(prefix), name, '__init__.py'));
  } catch {
    return false;
  }
}
