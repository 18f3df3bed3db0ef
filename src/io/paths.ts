import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Env } from '../core/env.js';
import { ownedOrMine, passwdHome } from './own-dirs.js';

/**
 * The user's home as pip sees it: HOME, else the password database
 * (os.homedir), which is also what Python's expanduser and pip fall back to.
 * For modelling pip's own reads (pip.conf, the user site); where pipwarden
 * keeps its own files is `ownBase` below.
 */
export function homeDir(env: Env): string {
  return env.HOME || homedir();
}

/** pipwarden's own data: `<XDG data>/pipwarden`. */
export function dataDir(env: Env): string {
  return join(baseDir(env, 'data'), 'pipwarden');
}

/** Where the shims live: PIPWARDEN_SHIM_DIR, else `<XDG data>/pipwarden/shims`. */
export function shimDir(env: Env): string {
  return env.PIPWARDEN_SHIM_DIR || join(baseDir(env, 'data'), 'pipwarden', 'shims');
}

/**
 * pipwarden's cache (probe results, plan cache entries, stamps):
 * PIPWARDEN_CACHE_DIR, else `<XDG cache>/pipwarden`; null when this user
 * has no place of its own (see ownBase). The one function every reader and
 * writer uses, and the dir `rehash` bakes into the shims.
 */
export function cacheDir(env: Env): string | null {
  // Set by hand: used as given (relative: ignored, as the shim does); what
  // is written there is still checked to be this user's (make-dirs.ts).
  const set = env.PIPWARDEN_CACHE_DIR;
  if (set && isAbsolute(set)) return set;
  const base = ownBase(env, 'cache');
  return base === null ? null : join(base, 'pipwarden');
}

/**
 * The user's audit log: PIPWARDEN_AUDIT_LOG_FILE, else
 * `<XDG state>/pipwarden/audit.log` (env-paths' log dir); null when this
 * user has no place of its own (see ownBase).
 */
export function auditLogPath(env: Env): string | null {
  const set = env.PIPWARDEN_AUDIT_LOG_FILE;
  if (set && isAbsolute(set)) return set;
  const base = ownBase(env, 'state');
  return base === null ? null : join(base, 'pipwarden', 'audit.log');
}

/**
 * pipwarden's data that decisions read or pip writes into (remembered
 * answers, disposable user bases): `<XDG data>/pipwarden` of this user's
 * own (ownBase), else null.
 */
export function ownDataDir(env: Env): string | null {
  const base = ownBase(env, 'data');
  return base === null ? null : join(base, 'pipwarden');
}

/** Files the user trusted with `pipwarden trust`: `<XDG data>/pipwarden/trusted.json`; null as for the cache. */
export function trustFile(env: Env): string | null {
  const base = ownBase(env, 'data');
  return base === null ? null : join(base, 'pipwarden', 'trusted.json');
}

// env-paths lays these out the same way, but reads process.env and
// os.homedir() once, when it is imported, so it cannot take the env a
// command was given (a test's, or the one `run` passes on).
const XDG = {
  data: { variable: 'XDG_DATA_HOME', linux: ['.local', 'share'], darwin: 'Application Support' },
  cache: { variable: 'XDG_CACHE_HOME', linux: ['.cache'], darwin: 'Caches' },
  state: { variable: 'XDG_STATE_HOME', linux: ['.local', 'state'], darwin: 'Logs' },
} as const;

type Kind = keyof typeof XDG;

function baseDir(env: Env, kind: Kind): string {
  return baseUnder(env, kind, homeDir(env));
}

function baseUnder(env: Env, kind: Kind, home: string): string {
  const { variable, linux, darwin } = XDG[kind];
  if (process.platform === 'darwin') return join(home, 'Library', darwin);
  // The XDG base directory spec: a relative value is invalid and is ignored.
  const value = env[variable];
  return value && isAbsolute(value) ? value : join(home, ...linux);
}

/**
 * The base dir pipwarden writes its own files under, as this effective
 * user, or null for none. HOME (and the XDG dirs) only when they are this
 * user's: under `sudo -E`, a sudo that keeps HOME, or `su` without `-`,
 * root's HOME is the caller's, and root must neither leave root-owned files
 * there (the user's own `pip install --user` then fails with EACCES) nor
 * write through the user's symlinks, nor trust what the user put there.
 * Root then uses its own home from the password database, as `sudo -H`
 * would have given it. A relative or empty HOME is no HOME: it would put
 * the files under whatever the cwd is.
 */
export function ownBase(env: Env, kind: Kind): string | null {
  const home = env.HOME;
  if (home && isAbsolute(home)) {
    const base = baseUnder(env, kind, home);
    if (ownedOrMine(home) && ownedOrMine(base)) return base;
  }
  const own = passwdHome();
  if (own === null || own === home) return null;
  // Not the XDG variables: they came with the caller's HOME.
  const base = baseUnder({}, kind, own);
  return ownedOrMine(own) && ownedOrMine(base) ? base : null;
}

/** The marks of venvs pipwarden made or the user trusted (src/io/interpreter/venv-vouch.ts). */
export function venvMarkDir(env: Env): string {
  return join(baseDir(env, 'data'), 'pipwarden', 'venvs');
}
