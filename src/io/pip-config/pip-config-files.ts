import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { Env } from '../../core/env.js';
import { type ConfigVariant, pipConfigPlaces } from '../../core/pip-config-places.js';

export type { ConfigVariant } from '../../core/pip-config-places.js';

export interface ConfigFilesInput {
  env: Env;
  cwd: string;
  /** `--isolated` on pip's command line: no user files, no PIP_* variables. */
  isolated: boolean;
  /** sys.prefix of pip's interpreter, for the site file; null when unknown. */
  sysPrefix: string | null;
  inVirtualenv: boolean;
  /** The pip that will run; null means "assume a current pip". */
  pipVersion: string | null;
}

export interface ConfigFile {
  path: string;
  variant: ConfigVariant;
  exists: boolean;
}

/**
 * The files pip's Configuration loads, in override order (later wins), as
 * that pip version builds their paths (core/pip-config-places.ts), each with
 * whether it exists as pip would look for it (relative to the cwd).
 */
export function pipConfigFiles(input: ConfigFilesInput): ConfigFile[] {
  const envFile = input.env.PIP_CONFIG_FILE;
  const places = pipConfigPlaces({
    env: input.env,
    isolated: input.isolated,
    sysPrefix: input.sysPrefix,
    inVirtualenv: input.inVirtualenv,
    pipVersion: input.pipVersion,
    envFileExists: Boolean(envFile) && existsSync(abs(envFile as string, input.cwd)),
    expandUser: (p) => expandUser(p, input.env),
  });
  return places.map(([path, variant]) => ({
    path,
    variant,
    exists: existsSync(abs(path, input.cwd)),
  }));
}

/**
 * Python's posixpath.expanduser: `~` is HOME when it is set (even empty),
 * else this user's passwd entry; `~name` is that user's passwd entry, and
 * stays as typed when there is none. A trailing `/` of the home is dropped,
 * and an empty result is `/`.
 */
export function expandUser(path: string, env: Env): string {
  if (!path.startsWith('~')) return path;
  const slash = path.indexOf('/', 1);
  const end = slash === -1 ? path.length : slash;
  let home: string | null;
  if (end === 1) home = env.HOME !== undefined ? env.HOME : ownHome();
  else home = passwdHome(path.slice(1, end));
  if (home === null) return path;
  return `${home.replace(/\/+$/, '')}${path.slice(end)}` || '/';
}

function ownHome(): string | null {
  try {
    return userInfo().homedir;
  } catch {
    return null;
  }
}

/** getpwnam(name).pw_dir from /etc/passwd (the files NSS source), or null. */
function passwdHome(name: string): string | null {
  let text: string;
  try {
    text = readFileSync('/etc/passwd', 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name && fields.length >= 7) return fields[5] ?? null;
  }
  return null;
}

function abs(p: string, cwd: string): string {
  return isAbsolute(p) ? p : resolve(cwd, p);
}
