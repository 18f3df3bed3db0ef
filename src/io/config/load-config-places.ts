/** Where pipwarden's config files are looked for, and under which names. */
import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { euid, ownedOrMine, passwdHome } from '../own-dirs.js';
import { CONFIG_CAP, readBounded } from '../read-bounded.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Extensions cosmiconfig would execute. pipwarden reads data only (no trust model yet). */
export const EXECUTABLE_EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts'] as const;

const executable = (stem: string) => EXECUTABLE_EXTENSIONS.map((ext) => `${stem}${ext}`);

/** File names in the org and user config directories; the first that exists is used. */
export const DIR_CONFIG_FILES = ['config.json', 'config.yaml', 'config.yml', 'config.toml'];

/**
 * File names looked for in each directory from cwd upward; the first that
 * holds settings is used. `.pipwardenrc` is YAML (so JSON works too).
 * pyproject.toml counts only with a `[tool.pipwarden]` table.
 */
export const PROJECT_CONFIG_FILES = [
  '.pipwardenrc',
  '.pipwardenrc.json',
  '.pipwardenrc.yaml',
  '.pipwardenrc.yml',
  '.pipwardenrc.toml',
  'pipwarden.config.json',
  'pipwarden.config.yaml',
  'pipwarden.config.yml',
  'pipwarden.config.toml',
  'pyproject.toml',
];

// Executable configs come first so they are noticed (and warned about) in
// every directory the search reaches, even beside a data file that wins.
export const DIR_SEARCH = [...executable('config'), ...DIR_CONFIG_FILES];
export const PROJECT_SEARCH = [
  ...executable('.pipwardenrc'),
  ...executable('pipwarden.config'),
  ...PROJECT_CONFIG_FILES,
];

export interface LoadConfigOptions {
  cwd: string;
  env: Env;
  home: string;
  /** `--set KEY=VALUE` flags: the highest layer. */
  sets?: readonly string[];
  /** The machine's org dir; only tests of this rule pass another. @default "/etc/pipwarden" */
  orgRoot?: string;
  /** Defaults to process.platform; only picks the user config directory. */
  platform?: NodeJS.Platform;
}

export interface ConfigLocations {
  /** The org dir that wins among org layers: /etc/pipwarden, or the test override. */
  org: string;
  /** Every org dir, lowest precedence first: $XDG_CONFIG_DIRS/pipwarden…, then `org`. */
  orgDirs: string[];
  /** Set when PIPWARDEN_ORG_CONFIG_DIR was given but not honoured. */
  orgOverrideIgnored: string | null;
  user: string;
  /** Directories searched for a project config, nearest first. */
  project: string[];
}

/** Where each layer is looked for. */
export function configLocations(options: LoadConfigOptions): ConfigLocations {
  const { env, home } = options;
  const { orgDirs, ignored } = orgLocations(env, options.orgRoot ?? ORG_ROOT);
  return {
    org: orgDirs.at(-1) as string,
    orgDirs,
    orgOverrideIgnored: ignored,
    user: ownUserConfigDir(env, home, options.platform ?? process.platform),
    project: projectDirs(resolve(options.cwd), home),
  };
}

export const ORG_ROOT = '/etc/pipwarden';

/**
 * The org layer's directories. PIPWARDEN_ORG_CONFIG_DIR (for tests) replaces
 * them only while the machine has no `/etc/pipwarden` at all: only root can
 * create or remove that directory, so on a machine with an org policy the
 * variable cannot move an unprivileged user away from it (it is ignored, with
 * a warning). Tests of the real path bind-mount a staging dir over
 * /etc/pipwarden in a private mount namespace instead (see README).
 * $XDG_CONFIG_DIRS (default /etc/xdg) adds lower org layers; the user can
 * change that variable, so only /etc/pipwarden's locks truly hold, and only
 * a dir that root holds counts (heldByRoot): an org layer's rules come
 * before the situations, so a `pass` rule in a dir the user chose stepped
 * around a locked onNoEnv (docs/security.md).
 */
function orgLocations(env: Env, root: string): { orgDirs: string[]; ignored: string | null } {
  const override = env.PIPWARDEN_ORG_CONFIG_DIR;
  if (override && isAbsolute(override)) {
    if (!existsSync(root)) return { orgDirs: [override], ignored: null };
  }
  const xdg = (env.XDG_CONFIG_DIRS || '/etc/xdg')
    .split(':')
    .filter((d) => isAbsolute(d))
    .map((d) => join(d, 'pipwarden'))
    .filter(heldByRoot)
    .reverse();
  return { orgDirs: [...xdg.filter((d) => d !== root), root], ignored: override || null };
}

/**
 * The user layer's dir for this effective user. Root with a user's HOME
 * (`sudo -E`, a sudo that keeps HOME, `su` without `-`) must not trust what
 * the user put there: a `config.js` in it would run as root. Root then reads
 * its own, under its home from the password database, as it keeps its own
 * files there (src/io/paths.ts ownBase); the XDG variables came with the
 * caller's HOME, so they are not used either. Other users read the HOME
 * they were given, as before: it is theirs to point where they like.
 */
function ownUserConfigDir(env: Env, home: string, platform: NodeJS.Platform): string {
  if (euid() !== 0 || ownedOrMine(home)) return userConfigDir(env, home, platform);
  return userConfigDir({}, passwdHome() ?? '/', platform);
}

/**
 * The user config directory, laid out as env-paths('pipwarden', { suffix: '' })
 * lays it out (which cosmiconfig also uses), but from the env and home passed
 * in: env-paths reads process.env and os.homedir() once, when imported.
 */
function userConfigDir(env: Env, home: string, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return join(home, 'Library', 'Preferences', 'pipwarden');
  if (platform === 'win32') {
    return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'pipwarden', 'Config');
  }
  // The XDG base directory spec says a relative value is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'pipwarden');
}

/** cwd and its parents, up to and including home when cwd is inside it, else up to /. */
function projectDirs(cwd: string, home: string): string[] {
  const stop = home ? resolve(home) : null;
  const inHome =
    stop !== null && (cwd === stop || cwd.startsWith(stop.endsWith(sep) ? stop : stop + sep));
  const dirs: string[] = [];
  for (let dir = cwd; ; dir = dirname(dir)) {
    dirs.push(dir);
    if ((inHome && dir === stop) || dirname(dir) === dir) return dirs;
  }
}

/**
 * Whether `dir` holds any of `names`: a pyproject.toml only if it mentions
 * pipwarden. Synchronous stats cost microseconds; letting cosmiconfig try
 * every name in every directory up to / costs milliseconds, and most calls
 * find no config at all, so they need not load cosmiconfig either.
 */
export function mayHoldConfig(dir: string, names: readonly string[]): boolean {
  return names.some((name) => {
    const path = join(dir, name);
    // lstat: a symlink loop is there too, and gets its one line from the search.
    if (name !== 'pyproject.toml') {
      try {
        return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
      } catch {
        // EACCES on the dir: as existsSync; load-config reports it for org and user.
        return false;
      }
    }
    // Bounded: a pyproject.toml → /dev/zero would fill memory (docs/security.md).
    // One that is not a regular file or is too large goes to the search,
    // which names it in a warning.
    const read = readBounded(path, CONFIG_CAP);
    if (read.ok) return read.bytes.includes('pipwarden');
    return read.problem === 'not-regular' || read.problem === 'too-large';
  });
}

/**
 * A dir (and the dirs above it) owned by root and writable by no one else,
 * as sudo checks its own files: only root could have put an org layer there.
 * A missing dir holds no layer either way.
 */
function heldByRoot(dir: string): boolean {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return false;
  }
  for (let d = real; ; d = dirname(d)) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(d);
    } catch {
      return false;
    }
    const othersWrite = (st.mode & 0o022) !== 0 && !(st.mode & 0o1000 && d !== real);
    if (st.uid !== 0 || othersWrite) return false;
    if (dirname(d) === d) return true;
  }
}
