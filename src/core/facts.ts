/**
 * Facts: everything the engine knows about the world, gathered once at the
 * edge by `src/io/gather-facts.ts`. Plain data, so tests build it by hand.
 */
import type { ImportOverride } from './import-override.js';

/** Where a pip setting came from: a pip config file, or a `PIP_*` variable. */
export interface SettingSource {
  kind: 'file' | 'env' | 'argv';
  /** Config file path, environment variable name, or the argv token. */
  where: string;
  /** For file settings: the section (`global`, `install`, …). */
  section?: string;
}

export interface PipSetting<T> {
  value: T;
  source: SettingSource;
}

/**
 * The pip options pipwarden's decisions depend on, as pip would resolve them
 * from its config files and `PIP_*` variables (command line not included).
 * `null` means "not set anywhere".
 */
export interface PipSettings {
  user: PipSetting<boolean> | null;
  requireVirtualenv: PipSetting<boolean> | null;
  breakSystemPackages: PipSetting<boolean> | null;
  python: PipSetting<string> | null;
  target: PipSetting<string> | null;
  prefix: PipSetting<string> | null;
  root: PipSetting<string> | null;
  /** `dry-run` / PIP_DRY_RUN (pip ≥ 22.2); absent in hand-built Facts means unset. */
  dryRun?: PipSetting<boolean> | null;
  /** `report` / PIP_REPORT (pip ≥ 22.2); absent means unset. */
  report?: PipSetting<string> | null;
  /** `index-url` / PIP_INDEX_URL; absent means unset (pip's default, PyPI). */
  indexUrl?: PipSetting<string> | null;
  /** `extra-index-url` / PIP_EXTRA_INDEX_URL, split on whitespace as pip does; absent means unset. */
  extraIndexUrls?: PipSetting<string[]> | null;
  /** `find-links` / PIP_FIND_LINKS, split on whitespace; absent means unset. */
  findLinks?: PipSetting<string[]> | null;
  /** `no-index` / PIP_NO_INDEX; absent means unset. */
  noIndex?: PipSetting<boolean> | null;
  /**
   * Names of the PIP_* variables pip reads as `user` or `no-user` (any case,
   * `_` or `-`), so a plan can unset them all. Absent means none.
   */
  userVars?: string[];
  /** Config files pip would read, in load order, with whether each exists. */
  files: { path: string; variant: 'global' | 'user' | 'site' | 'env'; exists: boolean }[];
  /**
   * Values pip rejects at start-up (it exits with status 2 before doing
   * anything), e.g. `user = maybe`, and config files it cannot parse.
   * Absent in hand-built Facts means none.
   */
  invalid?: InvalidPipSetting[];
}

export interface InvalidPipSetting {
  /** Normalised option name (`user`), or '' for a whole-file error. */
  key: string;
  value: string;
  source: SettingSource;
  /** pip's own wording where it has one. */
  message: string;
}

export type EnvKind = 'venv' | 'conda' | 'pixi' | 'system';

/** Facts about one Python interpreter (the one pip would run under). */
export interface InterpreterFacts {
  /** Absolute path as it would be invoked (not resolved through symlinks). */
  executable: string;
  realpath: string;
  /** [major, minor, micro] */
  version: [number, number, number];
  prefix: string;
  /** `prefix` through symlinks; absent in hand-built Facts means the same as prefix. */
  realPrefix?: string;
  basePrefix: string;
  purelib: string;
  platlib: string;
  stdlib: string;
  scripts: string;
  /** pip's own test: os.access(W_OK) on the nearest existing dir of purelib and platlib. */
  sitePackagesWritable: boolean;
  /** site.ENABLE_USER_SITE as pip would see it (venv no-global, PYTHONNOUSERSITE, -s). */
  enableUserSite: boolean;
  userBase: string;
  userSite: string;
  userScripts: string;
  userScriptsOnPath: boolean;
  /** Path of the EXTERNALLY-MANAGED marker when it applies (present and not in a venv). */
  externallyManaged: string | null;
  /** The marker's own error text (pip prints it); absent or null: none or not read. */
  externallyManagedMessage?: string | null;
  /** Version of the pip importable by this interpreter, or null when it has none. */
  pipVersion: string | null;
  envKind: EnvKind;
  /** From pyvenv.cfg, for venvs. */
  includeSystemSitePackages: boolean | null;
}

/** The environment the user activated, from VIRTUAL_ENV, CONDA_PREFIX or pixi markers. */
export interface ActiveEnv {
  kind: 'venv' | 'conda' | 'pixi';
  prefix: string;
  /** `prefix` through symlinks; absent means the same as prefix. */
  realPrefix?: string;
  /** Which variable(s) told us. */
  source: string;
  /** The env's python, if it has one. */
  python: string | null;
  /** The env's own pip script, if it has one. */
  pip: string | null;
  /** A conda base (root) env: not a target unless config says so, as in uv. */
  isCondaBase: boolean;
  /** `X.Y` for each `pythonX.Y` in the env's bin dir (absent: not looked at). */
  pythonVersions?: string[];
  /** For a pixi env: the project pixi's activation named, and pixi itself (absent: not pixi). */
  pixi?: PixiProject;
}

/**
 * What `pixi shell` and `pixi run` export about the active project, each
 * null when unset or not absolute, and the `pixi` executable on PATH. They
 * are the user's activated env (docs/security.md), never the cwd's tree.
 */
export interface PixiProject {
  /** PIXI_PROJECT_ROOT */
  root: string | null;
  /** PIXI_PROJECT_MANIFEST */
  manifest: string | null;
  /** PIXI_ENVIRONMENT_NAME */
  environment: string | null;
  /** The first `pixi` on PATH's absolute entries (a relative entry is the cwd's tree). */
  exe: string | null;
}

/** The executable the user's command would really have run. */
export interface ToolFacts {
  /** 'pip' for pip/pip3/pip3.X, 'python' for python -m pip. */
  kind: 'pip' | 'python';
  /** The name the user typed, e.g. `pip3.12` or `python3`. */
  name: string;
  /** Absolute path of the real executable (shims excluded), or null when none is on PATH. */
  path: string | null;
}

export interface Facts {
  tool: ToolFacts;
  /** The interpreter pip would run under; null when it cannot be found. */
  interpreter: InterpreterFacts | null;
  activeEnv: ActiveEnv | null;
  pipSettings: PipSettings;
  user: { uid: number; isRoot: boolean; sudoUser: string | null };
  /** The nearest `.venv` (with pyvenv.cfg) at or above cwd. */
  projectVenv: string | null;
  /** The nearest directory at or above cwd holding pyproject.toml, or cwd. */
  projectRoot: string;
  cwd: string;
  /** How the interpreter was found (shims, shebangs, pyenv), for `explain`'s debug output. */
  debug?: { resolution: string[]; pyenvSpawned: boolean };
  /**
   * The venv the `venv` action would use (config `venv.path` resolved against
   * the project) and what it holds, read by gatherFacts like every other fact.
   */
  configuredVenv: ConfiguredVenv;
  /**
   * For `python -m pip` under an interpreter without pip: the first pip on
   * PATH (shims and that interpreter's own bin excluded) and its version,
   * which can serve as `pip --python <interpreter>`. Absent: not looked at.
   */
  fallbackPip?: { path: string; version: string } | null;
  /**
   * The throw-away user base for this interpreter's version, set by the CLI
   * when config `disposableUserSite` is on and PYTHONUSERBASE is not already
   * set; absent means "none".
   */
  disposableUserBase?: string;
  /** The user's login shell ($SHELL), for how to activate a venv; absent: sh's words. */
  shell?: string;
  /**
   * What makes python import another pip, or use another prefix, than the
   * probe saw (PYTHONPATH or a cwd holding a pip, PYTHONHOME, a
   * PYTHONUSERBASE with a pip), as values; absent or empty: none.
   */
  importOverrides?: ImportOverride[];
}

export interface ConfiguredVenv {
  path: string;
  /** pyvenv.cfg exists. */
  exists: boolean;
  /** bin/python exists (absent in hand-built Facts: assumed when exists). */
  python?: boolean;
  /**
   * pip is importable there (bin/pip or site-packages/pip). A pyvenv.cfg
   * without pip is a venv whose ensurepip step failed (Debian without
   * python3-venv) or one made --without-pip. Absent: assumed when exists.
   */
  pip?: boolean;
  /**
   * Who stands behind an existing venv, so that running its python runs
   * nobody's code but theirs: the user activated it, the user's config named
   * it, or pipwarden made it or the user trusted it (a mark). null: nobody,
   * e.g. a `.venv/` that came with a cloned repository (docs/security.md).
   * Absent in hand-built Facts: assumed vouched for.
   */
  vouch?: VenvVouch | null;
  /** Where the mark goes once pipwarden has made this venv; absent: not marked. */
  markFile?: string;
}

export type VenvVouch = 'active' | 'named' | 'marked';

/** Settings with nothing set: the start of a read, and what doctor shows without an interpreter. */
export function noPipSettings(
  files: PipSettings['files'] = [],
  invalid: InvalidPipSetting[] = [],
): PipSettings {
  return {
    user: null,
    requireVirtualenv: null,
    breakSystemPackages: null,
    python: null,
    target: null,
    prefix: null,
    root: null,
    files,
    invalid,
  };
}
