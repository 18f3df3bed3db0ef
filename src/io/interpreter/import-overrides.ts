import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { PythonFlags } from '../../core/argv/types.js';
import type { Env } from '../../core/env.js';
import type { ImportOverride } from '../../core/import-override.js';
import { isDir, isFile, safeRealpath } from '../fs-checks.js';

export interface ImportOverridesInput {
  env: Env;
  cwd: string;
  /** `python … -m pip` or a pip script (whose own dir leads sys.path). */
  kind: 'pip' | 'python';
  /** The script or interpreter the user's command runs. */
  path: string;
  flags: PythonFlags;
  /** The interpreter's version, for the user site of a PYTHONUSERBASE. */
  version: [number, number];
  inVirtualenv: boolean;
  /** The probed interpreter's purelib and platlib: a pip found there is the one the probe saw. */
  sitePackages: string[];
}

/**
 * What puts another pip ahead of the probed one, or another prefix under
 * it, in the way CPython builds sys.path (Modules/getpath, site.py): first
 * the cwd for `-m` (the script's own dir for a pip script) unless -P/-I or
 * PYTHONSAFEPATH (3.11+); then each PYTHONPATH entry; PYTHONHOME moves the
 * prefix; the user site of a PYTHONUSERBASE comes before site-packages. The
 * probe runs with -E from / and sees none of these. A PYTHONPATH entry that
 * is a file (a zip) counts: its contents are not looked into.
 */
export function importOverrides(input: ImportOverridesInput): ImportOverride[] {
  const { env, flags } = input;
  const useEnv = !flags.ignoreEnvironment && !flags.isolated;
  const out: ImportOverride[] = [];
  const own = new Set(input.sitePackages.map(safeRealpath));
  const holdsPip = (dir: string) => !own.has(safeRealpath(dir)) && hasPip(dir);
  const safe =
    flags.safePath ||
    (useEnv && Boolean(env.PYTHONSAFEPATH) && input.version[0] === 3 && input.version[1] >= 11);
  if (!safe) {
    const first =
      input.kind === 'python'
        ? [input.cwd]
        : [dirname(input.path), dirname(safeRealpath(input.path))];
    for (const dir of new Set(first)) {
      if (holdsPip(dir)) out.push({ kind: 'first-dir', dir });
    }
  }
  if (useEnv && env.PYTHONPATH) {
    for (const entry of env.PYTHONPATH.split(':')) {
      const dir = isAbsolute(entry) ? entry : resolve(input.cwd, entry);
      if (isFile(dir)) out.push({ kind: 'pythonpath', entry, archive: true });
      else if (holdsPip(dir)) out.push({ kind: 'pythonpath', entry, archive: false });
    }
  }
  if (useEnv && env.PYTHONHOME) out.push({ kind: 'pythonhome', home: env.PYTHONHOME });
  const userSite = useEnv && !flags.noUserSite && !env.PYTHONNOUSERSITE && !input.inVirtualenv;
  if (userSite && env.PYTHONUSERBASE) {
    const [major, minor] = input.version;
    const site = join(env.PYTHONUSERBASE, 'lib', `python${major}.${minor}`, 'site-packages');
    if (holdsPip(site)) out.push({ kind: 'userbase', base: env.PYTHONUSERBASE });
  }
  return out;
}

/** A `pip` package (or namespace dir) or a `pip.py` module. */
function hasPip(dir: string): boolean {
  return isDir(join(dir, 'pip')) || isFile(join(dir, 'pip.py'));
}
