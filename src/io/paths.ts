import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Env } from '../core/env.js';

/**
 * The user's home: HOME, else the password database (os.homedir), which is
 * also what Python's expanduser and pip fall back to. The one place a home
 * is worked out; commands get it as `ctx.home`.
 */
export function homeDir(env: Env): string {
  return env.HOME || homedir();
}

/** Where the shims live: PIPWARDEN_SHIM_DIR, else `<XDG data>/pipwarden/shims`. */
/** pipwarden's own data: `<XDG data>/pipwarden`. */
export function dataDir(env: Env): string {
  return join(baseDir(env, 'data'), 'pipwarden');
}

export function shimDir(env: Env): string {
  return env.PIPWARDEN_SHIM_DIR || join(baseDir(env, 'data'), 'pipwarden', 'shims');
}

/** Where probe results are cached: PIPWARDEN_CACHE_DIR, else `<XDG cache>/pipwarden`. */
export function cacheDir(env: Env): string {
  return env.PIPWARDEN_CACHE_DIR || join(baseDir(env, 'cache'), 'pipwarden');
}

/** The user's audit log: PIPWARDEN_AUDIT_LOG_FILE, else `<XDG state>/pipwarden/audit.log` (env-paths' log dir). */
export function auditLogPath(env: Env): string {
  return env.PIPWARDEN_AUDIT_LOG_FILE || join(baseDir(env, 'state'), 'pipwarden', 'audit.log');
}

// env-paths lays these out the same way, but reads process.env and
// os.homedir() once, when it is imported, so it cannot take the env a
// command was given (a test's, or the one `run` passes on).
const XDG = {
  data: { variable: 'XDG_DATA_HOME', linux: ['.local', 'share'], darwin: 'Application Support' },
  cache: { variable: 'XDG_CACHE_HOME', linux: ['.cache'], darwin: 'Caches' },
  state: { variable: 'XDG_STATE_HOME', linux: ['.local', 'state'], darwin: 'Logs' },
} as const;

function baseDir(env: Env, kind: keyof typeof XDG): string {
  const { variable, linux, darwin } = XDG[kind];
  if (process.platform === 'darwin') return join(homeDir(env), 'Library', darwin);
  // The XDG base directory spec: a relative value is invalid and is ignored.
  const value = env[variable];
  return value && isAbsolute(value) ? value : join(homeDir(env), ...linux);
}

/** Files the user trusted with `pipwarden trust`: `<XDG data>/pipwarden/trusted.json`. */
export function trustFile(env: Env): string {
  return join(baseDir(env, 'data'), 'pipwarden', 'trusted.json');
}

/** The marks of venvs pipwarden made or the user trusted (src/io/interpreter/venv-vouch.ts). */
export function venvMarkDir(env: Env): string {
  return join(baseDir(env, 'data'), 'pipwarden', 'venvs');
}
