// Sync calls, not node:fs/promises: loading that module (and the readline
// and stream modules it brings) is a share of a shim's miss (bench/LEVERS.md).
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { displayPath } from '../../core/config/display.js';
import { merge } from '../../core/config/merge.js';
import {
  type OverrideError,
  overrideHint,
  overrideLayers,
} from '../../core/config/override-layers.js';
import type { ConfigLayer, ResolvedConfig } from '../../core/config/types.js';
import { validate } from '../../core/config/validate.js';
import type { Env } from '../../core/env.js';
import { PipwardenError } from '../../core/errors.js';
import { PACKAGE_ROOT } from '../package-paths.js';
import { CONFIG_CAP, capText, OWN_CONFIG_CAP } from '../read-bounded.js';
import {
  configLocations,
  DIR_CONFIG_FILES,
  DIR_SEARCH,
  type LoadConfigOptions,
  mayHoldConfig,
  PROJECT_SEARCH,
} from './load-config-places.js';
import { guardProject } from './project-guard.js';

export {
  type ConfigLocations,
  configLocations,
  DIR_CONFIG_FILES,
  type LoadConfigOptions,
  PROJECT_CONFIG_FILES,
} from './load-config-places.js';

type Level = ConfigLayer['level'];

export interface LoadedConfig {
  resolved: ResolvedConfig;
  /** One line each, starting with the file. */
  warnings: string[];
  /** One line each, starting with the file; non-empty means exit 78. Includes orgErrors. */
  errors: string[];
  /** The org layer's share of `errors`: installs fail closed, read-only pip still runs. */
  orgErrors: string[];
  /** The user and project files' (and their presets') share of `errors`: exit 78, naming the file. */
  fileErrors: string[];
  /** The PIPWARDEN_* variables' and `--set` flags' share of `errors`: usage errors (exit 64), no file involved. */
  overrideErrors: OverrideError[];
}

/**
 * Finds, validates and merges the org, user and project layers, then the
 * PIPWARDEN_* variables and `--set` flags. Never throws for bad config:
 * every problem is a line in `errors` or `warnings`, and `resolved` holds
 * whatever was valid, so `pipwarden config` can show it.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const { home } = options;
  const where = configLocations(options);
  const searches: [Level, readonly string[], string[]][] = [
    ...where.orgDirs.map((dir): [Level, readonly string[], string[]] => ['org', DIR_SEARCH, [dir]]),
    ['user', DIR_SEARCH, [where.user]],
    ['project', PROJECT_SEARCH, where.project],
  ];
  const errors: string[] = [];
  const orgErrors: string[] = [];
  const warnings: string[] = [];
  if (where.orgOverrideIgnored !== null) {
    warnings.push(
      `PIPWARDEN_ORG_CONFIG_DIR=${where.orgOverrideIgnored}: ignored, ${where.org} is this machine's org config (the variable only serves tests on machines without one); unset it`,
    );
  }
  let reader: Reader | null = null;
  const found: Found[] = [];
  // Sequential, not Promise.all: the warnings come out in layer order.
  for (const [level, names, dirs] of searches) {
    const candidates = dirs.filter((dir) => mayHoldConfig(dir, names));
    if (candidates.length === 0) continue;
    reader ??= await openReader(home, warnings, options.env);
    const f = await reader.find(level, names, candidates, level === 'org' ? orgErrors : errors);
    if (f) found.push(f);
  }
  // cosmiconfig skips a file it may not read (EACCES) as if it were absent;
  // for an org policy that would fail open without a word.
  for (const [level, dir] of [
    ...where.orgDirs.map((d) => ['org', d] as const),
    ['user', where.user] as const,
  ]) {
    for (const [path, problem] of unreadable(dir)) {
      (level === 'org' ? orgErrors : errors).push(
        problem === 'dir'
          ? `${displayPath(path, home)}: is a directory, not a config file; remove it or put the settings in a file of that name`
          : `${displayPath(path, home)}: cannot read it (permission denied); make it readable (e.g. chmod a+r)`,
      );
    }
  }

  const layers: ConfigLayer[] = [];
  for (const f of found) {
    const checked = validate(f.raw, f.file, home);
    // A loop, not push(...): spread arguments overflow the stack past ~100k lines.
    for (const w of checked.warnings) warnings.push(w);
    const errs = f.level === 'org' ? orgErrors : errors;
    for (const e of checked.errors) errs.push(e);
    if (f.level !== 'org' && checked.locks.length > 0) {
      warnings.push(
        `${displayPath(f.file, home)}: lock: only the org config can lock keys, ignored`,
      );
    }
    if (f.level !== 'org' && checked.backstop) {
      warnings.push(
        `${displayPath(f.file, home)}: backstop: only the org config says which interpreters pipwarden org apply governs, ignored`,
      );
    }
    const trusted =
      f.level === 'project' &&
      (await guardProject(checked.values, f.file, home, warnings, options.env));
    // A preset sits just below the file that names it, at that file's level.
    for (const name of checked.presets) layers.push(await presetLayer(name, f.level, errs));
    layers.push({
      level: f.level,
      file: f.file,
      values: checked.values,
      locks: checked.locks,
      ...(f.level === 'org' && checked.backstop ? { backstop: checked.backstop } : {}),
      ...(trusted ? { trusted } : {}),
    });
  }
  const overrides = overrideLayers(options.env, options.sets);
  warnings.push(...overrides.warnings);
  layers.push(...overrides.layers);
  const resolved = merge(layers, home);
  warnings.push(...resolved.blocked);
  const overrideErrors = overrides.errors;
  return {
    resolved,
    warnings,
    errors: [...orgErrors, ...errors, ...overrideErrors.map((e) => e.message)],
    orgErrors,
    fileErrors: errors,
    overrideErrors,
  };
}

/** The shipped presets: <package>/presets/<name>.yaml. */
export const PRESET_DIR = join(PACKAGE_ROOT, 'presets');

async function presetLayer(name: string, level: Level, errors: string[]): Promise<ConfigLayer> {
  const file = join(PRESET_DIR, `${name}.yaml`);
  try {
    const { loadYaml } = await import('cosmiconfig/dist/loaders.js');
    const checked = validate(await loadYaml(file, readFileSync(file, 'utf8')), file);
    errors.push(...checked.errors);
    // A preset's locks hold only when the org names it.
    const locks = level === 'org' ? checked.locks : [];
    return { level, file, values: checked.values, locks, preset: name };
  } catch (error) {
    errors.push(
      `${file}: cannot load preset ${name}: ${(error as Error).message.split('\n')[0]}; reinstall pipwarden`,
    );
    return { level, file, values: {}, preset: name };
  }
}

interface Found {
  level: Level;
  file: string;
  raw: unknown;
}

interface Reader {
  /** The first directory of `dirs` with a config among `names`; a failure is an error and ends the search. */
  find(
    level: Level,
    names: readonly string[],
    dirs: string[],
    errors: string[],
  ): Promise<Found | null>;
}

/** cosmiconfig and the parsers load only once some directory may hold a config. */
async function openReader(home: string, warnings: string[], env: Env): Promise<Reader> {
  const [{ dataExplorer, ConfigReadError }, { dataLoaders, syntaxMessage }] = await Promise.all([
    import('./load-config-explorer.js'),
    import('./load-config-loaders.js'),
  ]);
  const loaders = dataLoaders(warnings, home);
  let projectLoaders: ReturnType<typeof dataLoaders> | null = null;
  return {
    async find(level, names, dirs, errors) {
      if (level === 'project' && projectLoaders === null) {
        const { isTrusted } = await import('./trust.js');
        projectLoaders = dataLoaders(warnings, home, (file, content) =>
          isTrusted(env, file, content),
        );
      }
      const cap = level === 'project' ? CONFIG_CAP : OWN_CONFIG_CAP;
      const explorer = dataExplorer(
        names,
        level === 'project' ? (projectLoaders ?? loaders) : loaders,
        cap,
        (file, reason) =>
          warnings.push(
            `${displayPath(file, home)}: ${reason}; its [tool.pipwarden] table, if any, is ignored; make it a regular file of at most ${capText(cap)}`,
          ),
      );
      for (const dir of dirs) {
        try {
          const result = await explorer.search(dir);
          if (result) return { level, file: result.filepath, raw: result.config };
        } catch (error) {
          errors.push(
            error instanceof ConfigReadError
              ? `${displayPath(error.filepath, home)}: ${error.reason}; pipwarden reads config only from a regular file of at most ${capText(cap)}: replace or remove it`
              : loadFailure(error, dir, home, syntaxMessage),
          );
          return null;
        }
      }
      return null;
    },
  };
}

/** For the CLI: config file errors stop pipwarden with exit code 78 (EX_CONFIG). */
export function assertNoConfigErrors(loaded: Pick<LoadedConfig, 'errors'>): void {
  const [first, ...rest] = loaded.errors;
  if (first === undefined) return;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more)`;
  throw new PipwardenError('config', `${first}${more}`, CONFIG_ERROR_HINT);
}

/**
 * For the CLI: a bad PIPWARDEN_* variable or `--set` flag is a usage error
 * (exit 64), named as what it is, with a next step that names no file.
 */
export function assertNoOverrideErrors(loaded: Pick<LoadedConfig, 'overrideErrors'>): void {
  const [first, ...rest] = loaded.overrideErrors;
  if (first === undefined) return;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more)`;
  throw new PipwardenError('usage', `${first.message}${more}`, overrideHint(first.from));
}

export const CONFIG_ERROR_HINT =
  'fix the file named above (pipwarden config lists every problem), or bypass pipwarden once with PIPWARDEN_DISABLE=1';

function loadFailure(
  error: unknown,
  dir: string,
  home: string,
  syntaxMessage: (error: unknown, file: string, home: string) => string,
): string {
  const file = (error as { filepath?: unknown })?.filepath;
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0];
  if (typeof file !== 'string') return `${displayPath(dir, home)}: cannot load config: ${first}`;
  if (typeof code === 'string') {
    return `${displayPath(file, home)}: cannot read it: ${first}; check that it is a readable file`;
  }
  return `${syntaxMessage(error, file, home)}; fix the syntax, or move the file aside to go without it`;
}

/**
 * The directory itself if it cannot be searched, else the config files in it
 * that cannot be read or are directories (cosmiconfig skips both as absent).
 */
function unreadable(dir: string): [string, 'denied' | 'dir'][] {
  const denied = (path: string, mode: number) => {
    try {
      accessSync(path, mode);
      return false;
    } catch (error) {
      return (error as { code?: unknown }).code === 'EACCES';
    }
  };
  if (denied(dir, constants.X_OK)) return [[dir, 'denied']];
  const found = DIR_CONFIG_FILES.map((name): [string, 'denied' | 'dir'] | null => {
    const file = join(dir, name);
    if (denied(file, constants.R_OK)) return [file, 'denied'];
    try {
      return statSync(file).isDirectory() ? [file, 'dir'] : null;
    } catch {
      return null;
    }
  });
  return found.filter((f) => f !== null);
}
