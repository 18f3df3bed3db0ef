import type { SettingSource } from './facts.js';
import type { UserOff } from './reason.js';

/**
 * A next step, as a value: what the user could do, never the sentence that
 * says it. `src/core/render/next-steps.ts` writes the words; the policy
 * check of a refusal's steps (`src/core/decide/police-next-steps.ts`) reads
 * the kinds, so no code reads a sentence back.
 */
export type NextStep =
  /**
   * Make the project's `.venv` with `python` and activate it. `drop` is what
   * to take off the command first (`--user`, a location), `orUnset` the
   * variable that says the same (`PIP_USER`);
   * `withoutSudo` says to leave sudo; `orSet` offers a config value instead.
   */
  | {
      kind: 'make-venv';
      python: string;
      drop?: string;
      orUnset?: string;
      withoutSudo?: boolean;
      orSet?: { key: string; value: string };
    }
  /** `pip install --user`. */
  | { kind: 'user-install' }
  /** Drop user mode to install into the active venv. */
  | { kind: 'drop-user' }
  /** Give an env (or interpreter) its own pip, the way its manager does. */
  | { kind: 'install-pip'; env: string; manager: 'conda' | 'pixi' | 'ensurepip'; python?: string }
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
  | { kind: 'import-probed-pip'; dropNoSite: boolean };

export type Level = 'notice' | 'warning' | 'error';

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
  /** How the prompt was answered without asking (first, before what it led to). */
  | { kind: 'answer'; how: AnswerHow; choice: string; dir: string; from: string };

/** Where the prompt's answer came from, when nobody was asked. */
export type AnswerHow = 'remembered' | 'default-no-tty' | 'default-explain';
