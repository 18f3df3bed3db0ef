/**
 * pipwarden's configuration: what to do in each situation the engine detects.
 * Layers (org → user → project) are validated one by one, then merged; every
 * merged value remembers the file it came from.
 */
import type { Rule } from './validate-rules.js';

/** What to do when a situation applies. */
export type Action =
  /** Leave it to pip: run the command unchanged. */
  | 'pip'
  /** Install into the user site explicitly (`--user`). */
  | 'user'
  /** Install into the active env (neutralise user mode, or point pip at the env's python). */
  | 'env'
  /** Install into a venv at `venv.path`, creating it when `venv.create` is true. */
  | 'venv'
  /** Do not run pip; print the reason and the next step. */
  | 'refuse'
  /** Ask on the terminal (user site, venv, disposable user site, cancel); `promptDefault` without one. */
  | 'prompt'
  /** In a pixi env: run `pixi add --pypi <names>` in the pixi project instead of pip. */
  | 'pixi-add'
  /** Run pip as typed, with a warning line (onPipPythonMismatch). */
  | 'warn'
  /** Install for the interpreter that will import it (onPipPythonMismatch: `python3` on PATH, or the Jupyter kernel). */
  | 'python'
  /** Install at the `--target`/`--prefix` the command line names, user mode off (onUserWithLocation). */
  | 'location';

export const ACTIONS: readonly Action[] = [
  'pip',
  'user',
  'env',
  'venv',
  'refuse',
  'prompt',
  'pixi-add',
  'warn',
  'python',
  'location',
];

export type SituationId =
  | 'userInVenv'
  | 'userInCondaEnv'
  | 'userWithLocation'
  | 'foreignEnv'
  | 'notWritable'
  | 'externallyManaged'
  | 'sudo'
  | 'noEnv'
  | 'pixiEnv'
  | 'pipPythonMismatch';

export interface SituationSpec {
  /** Config key, e.g. `onNotWritable`. */
  key: `on${Capitalize<SituationId>}`;
  /** Actions that make sense for this situation. */
  allowed: readonly Action[];
  default: Action;
  summary: string;
}

/** The situations, in the order decide() considers them. */
export const SITUATIONS: Record<SituationId, SituationSpec> = {
  userInVenv: {
    key: 'onUserInVenv',
    allowed: ['env', 'pip', 'refuse'],
    default: 'env',
    summary:
      'user mode (--user, PIP_USER, pip.conf user = true) inside a venv: pip fails, or with --system-site-packages installs into the user site',
  },
  userInCondaEnv: {
    key: 'onUserInCondaEnv',
    allowed: ['env', 'pip', 'refuse'],
    default: 'env',
    summary:
      'user mode inside the active conda or pixi env, a whole interpreter: pip would install into the user site, outside the env',
  },
  userWithLocation: {
    key: 'onUserWithLocation',
    allowed: ['location', 'pip'],
    default: 'location',
    summary:
      'user mode from PIP_USER or pip.conf meets --target or --prefix on the command line: pip refuses to combine them',
  },
  foreignEnv: {
    key: 'onForeignEnv',
    allowed: ['env', 'pip', 'refuse'],
    default: 'env',
    summary: 'an env is active but the pip that would run belongs to another interpreter',
  },
  noEnv: {
    key: 'onNoEnv',
    allowed: ['pip', 'venv', 'refuse', 'prompt'],
    default: 'pip',
    summary: 'installing outside any venv, conda or pixi env',
  },
  externallyManaged: {
    key: 'onExternallyManaged',
    allowed: ['pip', 'venv', 'refuse', 'prompt'],
    default: 'pip',
    summary: 'the interpreter is externally managed (PEP 668)',
  },
  notWritable: {
    key: 'onNotWritable',
    allowed: ['user', 'pip', 'venv', 'refuse', 'prompt'],
    default: 'user',
    summary: 'site-packages is not writable and pip would silently fall back to the user site',
  },
  sudo: {
    key: 'onSudo',
    allowed: ['pip', 'refuse'],
    default: 'pip',
    summary: 'pip runs as root under sudo, outside any env',
  },
  pixiEnv: {
    key: 'onPixiEnv',
    allowed: ['pip', 'pixi-add', 'refuse'],
    default: 'pip',
    summary:
      'pip installs into a pixi env, whose lock file does not record it (the next pixi command may undo it)',
  },
  pipPythonMismatch: {
    key: 'onPipPythonMismatch',
    allowed: ['python', 'warn', 'pip', 'refuse', 'prompt'],
    default: 'python',
    summary:
      'the pip on PATH belongs to another interpreter than the python3 on the same PATH (or than the Jupyter kernel)',
  },
};

export const SITUATION_IDS = Object.keys(SITUATIONS) as SituationId[];

export interface SituationRule {
  action: Action;
  /** Extra line printed when the situation applies (after pipwarden's own). */
  message: string | null;
}

export interface VenvConfig {
  /**
   * Where the `venv` action installs, relative to the project root
   * (nearest pyproject.toml, else cwd) unless absolute.
   * @default ".venv"
   */
  path: string;
  /**
   * Create the venv when it does not exist.
   * @default true
   */
  create: boolean;
  /**
   * Interpreter that creates it; null means the interpreter pip would have used.
   * @default null
   */
  python: string | null;
}

/** The audit log of decisions that are not a silent pass (src/io/audit/). */
export interface AuditConfig {
  /**
   * Append to the user's own log, `<XDG state>/pipwarden/audit.log`.
   * @default true
   */
  log: boolean;
  /**
   * Send the same record to syslog/journald through `logger`.
   * @default false
   */
  syslog: boolean;
  /**
   * A shared file every user appends to (set by the org; see docs/organisations.md).
   * Any user may append a line that claims to be anyone: it proves nothing
   * about who wrote a record. Prefer `dir`.
   * @default null
   */
  file: string | null;
  /**
   * A shared dir (root-owned, sticky, mode 1733) where each user appends to
   * `<uid>.log`, a file it creates and owns; a reader attributes each record
   * to the file's owner, not to what the record says.
   * @default null
   */
  dir: string | null;
  /**
   * Size at which a log is renamed to `<log>.1` and started afresh.
   * @default 1048576
   */
  maxBytes: number;
}

export interface Config {
  /** @default { action: 'env' } */
  onUserInVenv: SituationRule;
  /** @default { action: 'env' } */
  onUserInCondaEnv: SituationRule;
  /** @default { action: 'location' } */
  onUserWithLocation: SituationRule;
  /** @default { action: 'env' } */
  onForeignEnv: SituationRule;
  /** @default { action: 'pip' } */
  onNoEnv: SituationRule;
  /** @default { action: 'pip' } */
  onExternallyManaged: SituationRule;
  /** @default { action: 'user' } */
  onNotWritable: SituationRule;
  /** @default { action: 'pip' } (a warning is still printed) */
  onSudo: SituationRule;
  /**
   * `pixi-add` runs `pixi add --pypi <names>` in the active pixi project
   * instead of pip, when the call can be said that way (docs/config.md).
   * @default { action: 'pip' } (a notice says pixi's lock does not record it)
   */
  onPixiEnv: SituationRule;
  /**
   * `pip` belongs to another interpreter than `python3` on the same PATH, or
   * than the Jupyter kernel a notebook's `!pip` runs under (docs/config.md).
   * @default { action: 'python' }
   */
  onPipPythonMismatch: SituationRule;
  /**
   * Treat a conda base env as an install target, like any other env.
   * @default false
   */
  condaBase: boolean;
  /**
   * Let pipwarden pass `--break-system-packages` when the action for
   * `onExternallyManaged` is `pip`. Off by default: PEP 668 is the distro's call.
   * @default false
   */
  allowBreakSystemPackages: boolean;
  venv: VenvConfig;
  audit: AuditConfig;
  /**
   * First-match rules, checked before the situations. Rules of every layer
   * are kept, the highest layer's first; rules of an org that locks `rules`
   * come before all others.
   * @default []
   */
  rules: Rule[];
  /**
   * Print pipwarden's one-line notices on stderr. Refusals always print.
   * @default true
   */
  notices: boolean;
  /**
   * Send user installs (`--user`, PIP_USER, the not-writable fallback) to a
   * throw-away user base (PYTHONUSERBASE), one per Python version, that
   * `pipwarden user clean` removes in one step.
   * @default false
   */
  disposableUserSite: boolean;
  /**
   * The answer the `prompt` action takes when there is no terminal to ask on
   * (CI, pipes, PIP_NO_INPUT): it never waits. `pip` runs the command as pip
   * alone would.
   * @default "pip"
   */
  promptDefault: PromptChoice;
  /**
   * Print one line before each install naming where it goes, e.g.
   * `pip install → /work/app/.venv (Python 3.12)`. Printed also when
   * `notices` is false: it is asked for by name.
   * @default false
   */
  announce: boolean;
}

/** Lowest to highest precedence: org < user < project < PIPWARDEN_* variables < flags. */
export type ConfigLevel = 'default' | 'org' | 'user' | 'project' | 'env' | 'flag';

/** Lock entries besides keys and sections: `*` locks every key, `disable` locks PIPWARDEN_DISABLE. */
export const LOCK_EVERYTHING = '*';
export const LOCK_DISABLE = 'disable';

/** The answers the `prompt` action offers. */
export type PromptChoice = 'pip' | 'user' | 'venv' | 'disposable' | 'python' | 'cancel';
export const PROMPT_CHOICES: readonly PromptChoice[] = [
  'pip',
  'python',
  'user',
  'venv',
  'disposable',
  'cancel',
];

/** Where one merged value came from. */
export interface ValueSource {
  level: ConfigLevel;
  /** File path, or `(default)`. */
  file: string;
}

/** A validated layer: only the keys the file set. */
export interface ConfigLayer {
  level: Exclude<ConfigLevel, 'default'>;
  file: string;
  values: PartialConfig;
  /** Set for a layer read from a shipped preset file, to the preset's name. */
  preset?: string;
  /** Org layers only: keys (`onNoEnv`, `venv.python`), sections (`venv`), `*` or `disable`. */
  locks?: string[];
  /** Org layers only: the `backstop` section (`pipwarden org apply`). */
  backstop?: Partial<BackstopConfig>;
  /** Project layers only: the user ran `pipwarden trust` on exactly this file (docs/security.md). */
  trusted?: boolean;
}

export type PartialConfig = Partial<Omit<Config, 'venv' | 'audit'>> & {
  venv?: Partial<VenvConfig>;
  audit?: Partial<AuditConfig>;
};

export interface ResolvedConfig {
  config: Config;
  /** Keyed by dotted path: `onNotWritable`, `venv.path`, … */
  sources: Record<string, ValueSource>;
  layers: ConfigLayer[];
  /** Locked dotted keys (and `disable`), each with the org file that locked it. */
  locks: Record<string, string>;
  /** One line per attempt to change a locked value, naming both files. */
  blocked: string[];
}

/**
 * `backstop:` (org layer only): the base interpreters `pipwarden org apply`
 * governs, docs/organisations.md.
 */
export interface BackstopConfig {
  /** Put pip's EXTERNALLY-MANAGED marker into each governed base interpreter when the org refuses installs outside envs (venv-only). @default true */
  marker: boolean;
  /** Dirs whose `python`, `python3` and `python3.X` are governed. @default the system PATH dirs (/usr/local/sbin … /bin) */
  dirs: string[];
  /** Dirs whose every child is an interpreter prefix (a shared pyenv's `versions/`): `<root>/<name>/bin/python3*`. @default [] */
  roots: string[];
}

export interface ValidationResult {
  values: PartialConfig;
  /** The `backstop` section, checked (only the org layer applies it). */
  backstop?: Partial<BackstopConfig>;
  /** The `lock` list, checked (only the org layer applies it). */
  locks: string[];
  /** Preset names from `presets`, checked. */
  presets: string[];
  /** One line each, starting with `file: key:`. Unknown keys land here. */
  warnings: string[];
  /** One line each, starting with `file: key:`. */
  errors: string[];
}
