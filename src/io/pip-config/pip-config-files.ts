import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Env } from '../../core/env.js';
import { compareVersions } from '../../core/version.js';
import { homeDir } from '../paths.js';

export type ConfigVariant = 'global' | 'user' | 'site' | 'env';

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
 * The files pip's Configuration loads, in override order (later wins):
 * global, user, site, env (pip/_internal/configuration.py). Empty when
 * PIP_CONFIG_FILE is os.devnull, which makes pip skip every file.
 */
export function pipConfigFiles(input: ConfigFilesInput): ConfigFile[] {
  const { env } = input;
  const envFile = env.PIP_CONFIG_FILE;
  if (envFile === '/dev/null') return [];
  const modern = input.pipVersion === null || atLeast(input.pipVersion, '21.3');
  const home = homeDir(env);
  const files: [string, ConfigVariant][] = [];
  for (const dir of siteConfigDirs(env, modern, home))
    files.push([join(dir, 'pip.conf'), 'global']);
  // Same in 18.1 … 24.2: the user files are skipped under --isolated, and
  // when PIP_CONFIG_FILE names a file that exists.
  const envFileExists = Boolean(envFile) && existsSync(abs(envFile!, input.cwd));
  if (!input.isolated && !envFileExists) {
    files.push([join(home, '.pip', 'pip.conf'), 'user']);
    files.push([join(userConfigDir(env, modern, home), 'pip.conf'), 'user']);
  }
  // pip < 19.2 read <sys.prefix>/pip.conf only inside a virtualenv ("venv"
  // variant); later pips always read it ("site" variant).
  const siteAlways = input.pipVersion === null || atLeast(input.pipVersion, '19.2');
  if (input.sysPrefix !== null && (siteAlways || input.inVirtualenv)) {
    files.push([join(input.sysPrefix, 'pip.conf'), 'site']);
  }
  if (envFile) files.push([envFile, 'env']);
  return files.map(([path, variant]) => ({
    path,
    variant,
    exists: existsSync(abs(path, input.cwd)),
  }));
}

/** appdirs.site_config_dirs("pip") + /etc: platformdirs since pip 21.3, pip's own appdirs before. */
function siteConfigDirs(env: Env, modern: boolean, home: string): string[] {
  const raw = env.XDG_CONFIG_DIRS;
  let dirs: string[];
  if (modern) {
    dirs = (raw?.trim() ? raw : '/etc/xdg').split(':').map((d) => join(d, 'pip'));
  } else {
    // Old appdirs: an empty XDG_CONFIG_DIRS means none, and each entry is ~-expanded.
    const value = raw ?? '/etc/xdg';
    dirs = value ? value.split(':').map((d) => join(expandUser(d, home), 'pip')) : [];
  }
  return [...dirs, '/etc'];
}

function userConfigDir(env: Env, modern: boolean, home: string): string {
  const raw = env.XDG_CONFIG_HOME;
  if (modern) return join(raw?.trim() ? raw : join(home, '.config'), 'pip');
  // os.getenv('XDG_CONFIG_HOME', '~/.config'): set-but-empty gives a relative "pip".
  return join(raw ?? join(home, '.config'), 'pip');
}

function expandUser(p: string, home: string): string {
  return p === '~' || p.startsWith('~/') ? home + p.slice(1) : p;
}

function abs(p: string, cwd: string): string {
  return isAbsolute(p) ? p : resolve(cwd, p);
}

function atLeast(version: string, min: string): boolean {
  return compareVersions(version, min) >= 0;
}
