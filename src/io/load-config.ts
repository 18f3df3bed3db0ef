import { access, constants } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { displayPath } from '../core/config/display.js';
import { merge } from '../core/config/merge.js';
import type { ConfigLayer, ResolvedConfig } from '../core/config/types.js';
import { validate } from '../core/config/validate.js';
import { PipwardenError } from '../core/errors.js';
import { dataExplorer } from './load-config-explorer.js';
import {
  dataLoaders,
  EXECUTABLE_EXTENSIONS,
  type LoaderNotes,
  syntaxMessage,
} from './load-config-loaders.js';

type Level = ConfigLayer['level'];
type Env = Readonly<Record<string, string | undefined>>;

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
const DIR_SEARCH = [...executable('config'), ...DIR_CONFIG_FILES];
const PROJECT_SEARCH = [
  ...executable('.pipwardenrc'),
  ...executable('pipwarden.config'),
  ...PROJECT_CONFIG_FILES,
];

export interface LoadConfigOptions {
  cwd: string;
  env: Env;
  home: string;
  /** Defaults to process.platform; only picks the user config directory. */
  platform?: NodeJS.Platform;
}

export interface LoadedConfig {
  resolved: ResolvedConfig;
  /** One line each, starting with the file. */
  warnings: string[];
  /** One line each, starting with the file; non-empty means exit 78. */
  errors: string[];
}

export interface ConfigLocations {
  org: string;
  user: string;
  /** Directories searched for a project config, nearest first. */
  project: string[];
}

/** Where each layer is looked for. */
export function configLocations(options: LoadConfigOptions): ConfigLocations {
  const { env, home } = options;
  return {
    org: env.PIPWARDEN_ORG_CONFIG_DIR || '/etc/pipwarden',
    user: userConfigDir(env, home, options.platform ?? process.platform),
    project: projectDirs(resolve(options.cwd), home),
  };
}

/**
 * Finds, validates and merges the org, user and project layers. Never throws
 * for bad config: every problem is a line in `errors` or `warnings`, and
 * `resolved` holds whatever was valid, so `pipwarden config` can show it.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const { home } = options;
  const where = configLocations(options);
  const notes: LoaderNotes = { warnings: [] };
  const loaders = dataLoaders(notes, home);
  const errors: string[] = [];
  const dirExplorer = dataExplorer(DIR_SEARCH, loaders);
  const projectExplorer = dataExplorer(PROJECT_SEARCH, loaders);

  const find = async (level: Level, explorer: typeof dirExplorer, dirs: string[]) => {
    for (const dir of dirs) {
      try {
        const found = await explorer.search(dir);
        if (found) return { level, file: found.filepath, raw: found.config };
      } catch (error) {
        errors.push(loadFailure(error, dir, home));
        return null;
      }
    }
    return null;
  };
  // Sequential, not Promise.all: the warnings come out in layer order.
  const found = [
    await find('org', dirExplorer, [where.org]),
    await find('user', dirExplorer, [where.user]),
    await find('project', projectExplorer, where.project),
  ];
  // cosmiconfig skips a file it may not read (EACCES) as if it were absent;
  // for an org policy that would fail open without a word.
  for (const dir of [where.org, where.user]) {
    for (const path of await unreadable(dir)) {
      notes.warnings.push(
        `${displayPath(path, home)}: cannot read it (permission denied), so it is not applied; make it readable (e.g. chmod a+r)`,
      );
    }
  }

  const warnings = notes.warnings;
  const layers: ConfigLayer[] = [];
  for (const f of found) {
    if (!f) continue;
    const checked = validate(f.raw, f.file, home);
    warnings.push(...checked.warnings);
    errors.push(...checked.errors);
    layers.push({ level: f.level, file: f.file, values: checked.values });
  }
  return { resolved: merge(layers), warnings, errors };
}

/** For the CLI: config errors stop pipwarden with exit code 78 (EX_CONFIG). */
export function assertNoConfigErrors(loaded: Pick<LoadedConfig, 'errors'>): void {
  const [first, ...rest] = loaded.errors;
  if (first === undefined) return;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more)`;
  throw new PipwardenError('config', `${first}${more}`, CONFIG_ERROR_HINT);
}

export const CONFIG_ERROR_HINT =
  'fix the file named above (pipwarden config lists every problem), or bypass pipwarden once with PIPWARDEN_DISABLE=1';

function loadFailure(error: unknown, dir: string, home: string): string {
  const file = (error as { filepath?: unknown })?.filepath;
  const code = (error as { code?: unknown })?.code;
  if (typeof file !== 'string' || typeof code === 'string') {
    const message = error instanceof Error ? error.message : String(error);
    const where = displayPath(typeof file === 'string' ? file : dir, home);
    return `${where}: cannot read: ${message.split('\n')[0]}; check its permissions`;
  }
  return `${syntaxMessage(error, file, home)}; fix the syntax, or move the file aside to go without it`;
}

/** The directory itself if it cannot be searched, else the config files in it that cannot be read. */
async function unreadable(dir: string): Promise<string[]> {
  const denied = async (path: string, mode: number) => {
    try {
      await access(path, mode);
      return false;
    } catch (error) {
      return (error as { code?: unknown }).code === 'EACCES';
    }
  };
  if (await denied(dir, constants.X_OK)) return [dir];
  const files = DIR_CONFIG_FILES.map((name) => join(dir, name));
  const flags = await Promise.all(files.map((file) => denied(file, constants.R_OK)));
  return files.filter((_, i) => flags[i]);
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
