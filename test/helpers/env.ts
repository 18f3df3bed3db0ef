import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Directories every test PATH may keep: coreutils, sh, /usr/bin/python3. */
export const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * A hermetic environment for a child process: a fresh HOME, no inherited
 * PIP_* or PIPWARDEN_*, pip's config files off, and a PATH the test chooses.
 * pip's cache lands in the temp HOME. (No PIP_NO_CACHE_DIR=1: pip 18 turns
 * it into an int cache_dir and crashes, pypa/pip#5735.)
 * Nothing from this machine's pip.conf or PIP_FIND_LINKS leaks in.
 */
export function hermeticEnv(
  home: string,
  extra: Record<string, string | undefined> = {},
): Record<string, string> {
  mkdirSync(home, { recursive: true });
  const env: Record<string, string> = {
    HOME: home,
    PATH: SYSTEM_PATH,
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    PIP_CONFIG_FILE: '/dev/null',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_NO_INPUT: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
  };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}
