import type { Env } from './env.js';
import { compareVersions } from './version.js';

/** pip's config variants, in the override order of pip/_internal/configuration.py (later wins). */
export type ConfigVariant = 'global' | 'user' | 'site' | 'env';

export interface ConfigPlacesInput {
  env: Env;
  /** `--isolated` on pip's command line: no user files. */
  isolated: boolean;
  /** sys.prefix of pip's interpreter, for the site file; null when unknown. */
  sysPrefix: string | null;
  inVirtualenv: boolean;
  /** The pip that will run; null means "assume a current pip". */
  pipVersion: string | null;
  /** Whether PIP_CONFIG_FILE names an existing path (`os.path.exists`, relative to the cwd). */
  envFileExists: boolean;
  /** Python's os.path.expanduser for `~` and `~user` (HOME, else the password database). */
  expandUser: (path: string) => string;
}

/**
 * How one pip release turns XDG_CONFIG_DIRS and XDG_CONFIG_HOME into
 * directories (Linux). Each era was read from that pip's own source
 * (pip/_internal/utils/appdirs.py and what it vendors) and is checked
 * against the real pips in test/facts/pip-config-places.test.ts.
 */
type Era =
  /** pip ≤ 19.3: pip's own appdirs.py. */
  | 'own'
  /** 20.0 … 21.2: vendored appdirs 1.4.x (`x.rstrip(os.sep)`, then `os.sep.join`). */
  | 'appdirs'
  /** 21.3 … 24.0: platformdirs 2.x/3.x, whose `_with_multi_path` expands `~` in each entry. */
  | 'platformdirs-tilde'
  /** 24.1 … 26.1: platformdirs 4.x before 4.10, no `~` expansion. */
  | 'platformdirs'
  /** 26.2 on: platformdirs 4.10 (`_xdg.py`): the values are stripped and blank entries skipped. */
  | 'platformdirs-xdg';

// Boundaries: pip 20.0 vendored appdirs, 21.3 switched to platformdirs
// (pypa/pip#10202), 24.1 took platformdirs 4.2 (24.0 has 3.8.1, 24.2 has
// 4.2.2: checked), 26.0.1 has 4.5.1 and 26.2.1 has 4.10.0 (both checked;
// 26.1 was not available and is assumed to be like 26.0).
function eraOf(pipVersion: string | null): Era {
  if (pipVersion === null) return 'platformdirs-xdg';
  const at = (v: string) => compareVersions(pipVersion, v) >= 0;
  if (at('26.2')) return 'platformdirs-xdg';
  if (at('24.1')) return 'platformdirs';
  if (at('21.3')) return 'platformdirs-tilde';
  if (at('20.0')) return 'appdirs';
  return 'own';
}

/** Python's str.strip(): JS whitespace plus the separators \x1c-\x1f and NEL, which Python also strips. */
const PY_SPACE = new Set(['\x1c', '\x1d', '\x1e', '\x1f', '\x85']);
const isSpace = (c: string) => c.trim() === '' || PY_SPACE.has(c);
function strip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s[a] as string)) a++;
  while (b > a && isSpace(s[b - 1] as string)) b--;
  return s.slice(a, b);
}

/** os.path.join(a, b) on POSIX: no normalising, an absolute `b` replaces `a`. */
export function pyJoin(a: string, ...parts: string[]): string {
  let out = a;
  for (const b of parts) {
    if (b.startsWith('/')) out = b;
    else if (out === '' || out.endsWith('/')) out += b;
    else out += `/${b}`;
  }
  return out;
}

/** appdirs.site_config_dirs("pip"): the XDG config dirs joined with `pip`, then `/etc`. */
function siteConfigDirs(era: Era, env: Env, expand: (p: string) => string): string[] {
  const raw = env.XDG_CONFIG_DIRS;
  let dirs: string[];
  switch (era) {
    case 'own': {
      // os.getenv('XDG_CONFIG_DIRS', '/etc/xdg'); set but empty means none.
      const value = raw ?? '/etc/xdg';
      dirs = value ? value.split(':').map((x) => pyJoin(expand(x), 'pip')) : [];
      break;
    }
    case 'appdirs':
      // appdirs 1.4: expanduser(x.rstrip(os.sep)), then os.sep.join([x, appname]):
      // an empty entry (or an empty value) gives "/pip".
      dirs = (raw ?? '/etc/xdg').split(':').map((x) => `${expand(x.replace(/\/+$/, ''))}/pip`);
      break;
    case 'platformdirs-tilde':
    case 'platformdirs': {
      // A blank value means the default; an empty entry gives the relative "pip".
      const value = raw !== undefined && strip(raw) !== '' ? raw : '/etc/xdg';
      const entry = era === 'platformdirs-tilde' ? expand : (x: string) => x;
      dirs = value.split(':').map((x) => pyJoin(entry(x), 'pip'));
      break;
    }
    case 'platformdirs-xdg': {
      const value = strip(raw ?? '');
      dirs = value
        ? value
            .split(':')
            .filter((x) => strip(x) !== '')
            .map((x) => pyJoin(x, 'pip'))
        : ['/etc/xdg/pip'];
      break;
    }
  }
  return [...dirs, '/etc'];
}

/** appdirs.user_config_dir("pip"); XDG_CONFIG_HOME itself is never `~`-expanded. */
function userConfigDir(era: Era, env: Env, expand: (p: string) => string): string {
  const raw = env.XDG_CONFIG_HOME;
  const fallback = expand('~/.config');
  switch (era) {
    case 'own':
    case 'appdirs':
      // os.getenv('XDG_CONFIG_HOME', …): set but empty gives the relative "pip".
      return pyJoin(raw ?? fallback, 'pip');
    case 'platformdirs-tilde':
    case 'platformdirs':
      return pyJoin(raw !== undefined && strip(raw) !== '' ? raw : fallback, 'pip');
    case 'platformdirs-xdg':
      return pyJoin(strip(raw ?? '') || fallback, 'pip');
  }
}

/**
 * The files pip's Configuration loads, in override order (later wins):
 * global, user, site, env (Configuration.iter_config_files and
 * _load_config_files, the same in pip 18.1 … 26.2). Empty when
 * PIP_CONFIG_FILE is exactly os.devnull, which makes pip skip every file.
 * Paths are as pip builds them (relative ones are relative to the cwd).
 */
export function pipConfigPlaces(input: ConfigPlacesInput): [string, ConfigVariant][] {
  const { env } = input;
  const envFile = env.PIP_CONFIG_FILE;
  if (envFile === '/dev/null') return [];
  const era = eraOf(input.pipVersion);
  const files: [string, ConfigVariant][] = [];
  for (const dir of siteConfigDirs(era, env, input.expandUser)) {
    files.push([pyJoin(dir, 'pip.conf'), 'global']);
  }
  // `not self.isolated and not (config_file and os.path.exists(config_file))`
  if (!input.isolated && !(envFile && input.envFileExists)) {
    files.push([pyJoin(input.expandUser('~'), '.pip', 'pip.conf'), 'user']);
    files.push([pyJoin(userConfigDir(era, env, input.expandUser), 'pip.conf'), 'user']);
  }
  // pip < 19.2 read <sys.prefix>/pip.conf only inside a virtualenv ("venv"
  // variant); later pips always read it ("site" variant).
  const siteAlways = input.pipVersion === null || compareVersions(input.pipVersion, '19.2') >= 0;
  if (input.sysPrefix !== null && (siteAlways || input.inVirtualenv)) {
    files.push([pyJoin(input.sysPrefix, 'pip.conf'), 'site']);
  }
  // PIP_CONFIG_FILE='' is still loaded (and found missing).
  if (envFile !== undefined) files.push([envFile, 'env']);
  return files;
}
