import type { SettingSource } from './facts.js';
import type { ExplicitLocation } from './location.js';

/**
 * A next step, as a value: what the user could do, never the sentence that
 * says it. `src/core/render/next-steps.ts` writes the words; the policy
 * check of a refusal's steps (`src/core/decide/police-next-steps.ts`) reads
 * the kinds, so no code reads a sentence back.
 */
export type NextStep =
  /**
   * Make the project's `.venv` with `python` and activate it. `drop` is what
   * to take off the command first: an option as typed (`--user`), or an
   * explicit location (src/core/location.ts); `orUnset` the
   * variable that says the same (`PIP_USER`);
   * `withoutSudo` says to leave sudo; `orSet` offers a config value instead.
   */
  | {
      kind: 'make-venv';
      python: string;
      drop?: string | ExplicitLocation;
      orUnset?: string;
      withoutSudo?: boolean;
      orSet?: { key: string; value: string };
    }
  /** `pip install --user`. */
  | { kind: 'user-install' }
  /** Drop user mode to install into the active venv (or the conda or pixi env `envKind` says). */
  | { kind: 'drop-user'; envKind?: 'conda' | 'pixi' }
  /** Give an env (or interpreter) its own pip, the way its manager does. */
  | { kind: 'install-pip'; env: string; manager: 'conda' | 'pixi' | 'ensurepip'; python?: string }
  /** Make a conda env of its own (not base) with this Python and pip, and activate it. */
  | { kind: 'conda-create'; python: string }
  /** Create the configured venv at `path` (venv.create: false). */
  | { kind: 'create-venv'; python: string; path: string }
  /** Remove and recreate a broken venv (no bin/python, or no pip). */
  | { kind: 'rebuild-venv'; python: string; path: string }
  /** Replace an index the org does not allow, where it was given. */
  | {
      kind: 'approved-index';
      key: string;
      source: SettingSource | 'default';
      allowed: string[];
    }
  /** Nothing the user may do: the policy (in these files) allows no install. */
  | { kind: 'ask-admin'; files: string[] }
  /** A venv was created: activate it in the user's login shell ($SHELL). */
  | { kind: 'activate-venv'; path: string; shell: string }
  /** User scripts went to a directory that is not on PATH. */
  | { kind: 'add-to-path'; dir: string }
  /** The disposable user base: how to import from it and remove it. */
  | { kind: 'use-disposable-base'; base: string; python: string }
  /** Set a config key to a value. */
  | { kind: 'set-config'; key: string; value: string }
  /** A venv nobody vouched for: trust it, activate it, or let pipwarden make a new one. */
  | { kind: 'vouch-venv'; path: string }
  /** Run pip so that python imports the pip the engine probed (no -S, PYTHONPATH, PYTHONHOME). */
  | { kind: 'import-probed-pip'; dropNoSite: boolean }
  /**
   * Record the install in the pixi project: `pixi add --pypi <specs>`, or by
   * hand when the call's requirements are not plain names (`specs` null);
   * `getPixi`: pixi is not on PATH yet.
   */
  | { kind: 'pixi-add'; specs: string[] | null; getPixi?: boolean }
  /**
   * Run pip for the interpreter that imports: `python3 -m pip` on PATH, or in a
   * Jupyter kernel `%pip`, which runs the kernel's `sys.executable -m pip`.
   */
  | { kind: 'pip-of-importer'; via: 'path' | 'kernel'; name: string; subcommand: string };

/**
 * Why `onPixiEnv: pixi-add` ran pip after all, as a value (the renderer,
 * src/core/render/notices.ts, writes the words). pixi add is used only when
 * it says what the call says; anything else runs as pip alone would run it.
 */
export type PixiMiss =
  /** An option of pip's that `pixi add --pypi` has no word for (`-r`, `-e`, `-U`, `--index-url`, …). */
  | { kind: 'option'; option: string }
  /** An argument that is not a plain `name[extras]<specifiers>` (a path, a URL, a file, markers). */
  | { kind: 'requirement'; arg: string }
  | { kind: 'no-requirement' }
  /** A pip setting (pip.conf, PIP_*) that pixi would not honour. */
  | { kind: 'setting'; key: string; source: SettingSource }
  | { kind: 'uninstall' }
  /** pixi is not on PATH (its absolute entries). */
  | { kind: 'no-pixi' }
  /** The activation did not export the project (pixi sets both in `pixi shell` and `pixi run`). */
  | { kind: 'no-project'; variable: 'PIXI_PROJECT_ROOT' | 'PIXI_PROJECT_MANIFEST' }
  /** `pixi add` adds to the default feature and installs the default env; another env is active. */
  | { kind: 'environment'; name: string | null }
  /** pip installs into a pixi env that is not the active one. */
  | { kind: 'not-active'; prefix: string };

export type Level = 'notice' | 'warning' | 'error';

/** An interpreter as a notice names it: its executable, version and prefix. */
export interface Interpreter {
  executable: string;
  version: [number, number];
  prefix: string;
}

/**
 * What a plan says on stderr, as values, in order. The renderer
 * (`src/core/render/notices.ts`) turns each into its lines.
 */
export type Outcome =
  /** A situation applied: its reason (plan.reasons[reason]) in words is the line. */
  | { kind: 'applied'; level: Level; reason: number }
  /** pip was pointed at the active env: the short form of a foreignEnv reason. */
  | {
      kind: 'into-env';
      level: Level;
      envKind: string;
      prefix: string;
      through: 'own-pip' | 'python-option';
      /** Who had turned user mode on, when it was turned off. */
      userOff: UserOff | null;
      /** A pixi env: pixi's lock file will not record this install (or uninstall). */
      unlocked?: 'install' | 'uninstall';
    }
  /** site-packages was not writable, so --user was added: the short form of a notWritable reason. */
  | {
      kind: 'user-site';
      level: Level;
      purelib: string;
      userSite: string;
      /** The scripts directory when it is not on PATH. */
      next: NextStep | null;
    }
  /** A user install sent to the disposable user base. */
  | { kind: 'disposable-base'; base: string; next: NextStep }
  /** The org's or user's own words (a rule's or situation's `message`). */
  | { kind: 'message'; level: Level; text: string }
  /** pip installs into (or uninstalls from) a pixi env, whose lock file does not record it. */
  | { kind: 'pixi-lock'; level: Level; prefix: string; subcommand: 'install' | 'uninstall' }
  /** `onPixiEnv: pixi-add` ran pip after all: why, and what would record it. */
  | { kind: 'pixi-miss'; level: Level; miss: PixiMiss; next: NextStep | null }
  /** `pixi add --pypi` runs in the pixi project instead of pip. */
  | { kind: 'pixi-add'; level: Level; root: string }
  /** `announce: true`: where this install goes, before it runs. */
  | {
      kind: 'target';
      subcommand: string;
      /** The env's prefix, or the user site (user) / the base (disposable). */
      where: string;
      place: 'env' | 'user-site' | 'disposable' | 'explicit';
      version: [number, number] | null;
    }
  /** How the prompt was answered without asking (first, before what it led to). */
  | { kind: 'answer'; how: AnswerHow; choice: string; dir: string; from: string };

/** Where the prompt's answer came from, when nobody was asked. */
export type AnswerHow = 'remembered' | 'default-no-tty' | 'default-explain';

/** Turned user mode off for an env: who had turned it on (null: --user). */
export interface UserOff {
  from: SettingSource | null;
}
