import type { SettingSource } from './facts.js';
import type { ImportOverride } from './import-override.js';
import type { ExplicitLocation } from './location.js';
import type { Interpreter, NextStep, UserOff } from './outcome.js';

/**
 * Why a plan is what it is, as a value: what was found and what was done
 * about it, never the sentence that says it. `src/core/render/reasons.ts`
 * writes the words (`reasonText`); the decision only picks a kind and fills
 * in the facts. A reason the draft refused is the refusal's too.
 */
export type Why =
  // ── The call passes as typed (no situation was looked at). ──
  /** PIPWARDEN_DISABLE=1. */
  | { kind: 'disabled' }
  /** `python -c …` and the like. */
  | { kind: 'not-pip'; name: string }
  /** `pip list`, `pip show`, … */
  | { kind: 'no-change'; subcommand: string | null }
  /** `python -S -m pip`: pip is not imported from site-packages. */
  | { kind: 'no-site' }
  | { kind: 'no-interpreter'; tool: string | null }
  /** `pip --python X` or PIP_PYTHON. */
  | { kind: 'python-named' }
  /** --target, --prefix or --root, as the user gave it. */
  | { kind: 'explicit-location'; location: ExplicitLocation }
  /** The cwd was deleted (`cwd` is $PWD, or ''). */
  | { kind: 'cwd-gone'; cwd: string }
  /** Situations were looked at, and none applied. */
  | { kind: 'nothing-applies' }
  // ── A first-match rule (config `rules`). ──
  | { kind: 'rule'; rule: RuleRef; did: 'pass' | 'env' | 'venv' }
  | { kind: 'rule-user'; rule: RuleRef; userSite: string }
  /** A refusing rule; `message` is the rule's own, said instead of ours. */
  | { kind: 'rule-refuses'; rule: RuleRef; message: string | null }
  | {
      kind: 'rule-index';
      rule: RuleRef;
      url: string;
      key: string;
      source: SettingSource | 'default';
    }
  | { kind: 'rule-location'; rule: RuleRef; location: ExplicitLocation }
  /** Under an org lock, a pip the engine did not probe. */
  | { kind: 'unseen-pip'; noSite: boolean; overrides: ImportOverride[]; lock: string }
  // ── userInVenv. `from` null: plain --user. ──
  | { kind: 'user-in-venv'; prefix: string; from: SettingSource | null }
  | { kind: 'user-ignored-in-venv'; prefix: string; from: SettingSource | null }
  /** A --system-site-packages venv: pip would have used the user site. */
  | { kind: 'user-off-in-venv'; prefix: string; userSite: string; from: SettingSource | null }
  // ── userInCondaEnv (a whole interpreter: pip would use the user site). ──
  /** Refused; `userSite` null where it is not known (another interpreter's). */
  | {
      kind: 'user-in-conda-env';
      envKind: string;
      prefix: string;
      userSite: string | null;
      from: SettingSource | null;
    }
  | { kind: 'user-off-in-conda-env'; envKind: string; prefix: string; userOff: UserOff }
  // ── userWithLocation ──
  /** User mode from the environment or a pip.conf, turned off for `--target`/`--prefix` on the command line. */
  | { kind: 'user-off-for-location'; location: ExplicitLocation; from: SettingSource }
  // ── foreignEnv ──
  /** A conda/pixi env is active but pip requires a virtualenv (`required`: where from). */
  | { kind: 'env-requires-virtualenv'; envKind: string; prefix: string; required: SettingSource }
  | { kind: 'foreign-env'; env: ForeignEnv; did: ForeignDid }
  // ── noPip (`python -m pip` where python has no pip) ──
  | { kind: 'no-pip'; pipless: Pipless; did: NoPipDid }
  // ── noEnv, externallyManaged, notWritable, a venv rule: what was found, then what was done. ──
  | { kind: 'found'; found: Found; did: FoundDid }
  /** `onExternallyManaged: pip` where pip is sure to refuse: pipwarden refuses in its place. */
  | { kind: 'pep668-refusal'; executable: string; marker: string | null }
  // ── pipPythonMismatch ──
  | { kind: 'pip-python-mismatch'; mismatch: Mismatch }
  // ── sudo ──
  | { kind: 'sudo'; sudoUser: string; prefix: string; next: NextStep | null }
  // ── pixiEnv: pip installs into (or uninstalls from) a pixi env, which its lock does not record ──
  | { kind: 'pixi-env'; prefix: string; subcommand: 'install' | 'uninstall'; did: PixiDid };

/** What the pixi situation did: refused, let pip run, or ran pixi add in the project. */
export type PixiDid =
  | { kind: 'refused' }
  | { kind: 'pip' }
  | { kind: 'pixi-add'; exe: string; manifest: string; root: string; specs: string[] };

/**
 * pip on PATH belongs to another interpreter than the one that imports
 * (`python3` on the same PATH, or the Jupyter kernel): both, and what was
 * done: warned (pip's env), pointed at the importer (`through` says how),
 * or refused.
 */
export interface Mismatch {
  via: 'path' | 'kernel';
  /** `python3`, `python`, or the kernel's command. */
  name: string;
  pip: Interpreter;
  importer: Interpreter;
  action: 'warn' | 'python' | 'refuse';
  through: 'python-m-pip' | 'python-option' | null;
  /** Why `python` was asked for but pip runs as typed, when so. */
  kept: 'externally-managed' | 'no-pip' | null;
}

/** A rule as its reason names it: `rule "name" in file`. */
export interface RuleRef {
  name: string | null;
  file: string | null;
}

/** The active env pip did not belong to. */
export interface ForeignEnv {
  envKind: string;
  prefix: string;
  /** The variables that told us (`CONDA_PREFIX`, `VIRTUAL_ENV`). */
  source: string;
  tool: string | null;
  /** The prefix of the interpreter the pip belongs to. */
  owner: string;
}

export type ForeignDid =
  | { kind: 'refused' }
  | { kind: 'own-pip'; userOff: UserOff | null; userKept?: UserOff | null }
  | {
      kind: 'python-option';
      pipVersion: string | null;
      python: string;
      userOff: UserOff | null;
      /** User mode left on (onUserInCondaEnv: pip): it goes to a user site. */
      userKept?: UserOff | null;
    }
  | { kind: 'pip-too-old'; pipVersion: string | null; since: string }
  /** This pip cannot run `--python` there (`own`), another one can. */
  | {
      kind: 'other-python-option';
      own: PipCannot;
      version: string;
      path: string;
      python: string;
      userOff: UserOff | null;
      userKept?: UserOff | null;
    }
  /** Neither this pip nor the other one found (null: none) can run `--python` there. */
  | { kind: 'no-pip-fits'; own: PipCannot; other: { path: string; cannot: PipCannot } | null };

/**
 * Why a pip cannot serve `pip --python <python>` (src/core/decide/pip-fits.ts):
 * it has no `--python`, its Requires-Python excludes that Python, or it is
 * older than the pip that first ran on it.
 */
export interface PipCannot {
  pipVersion: string | null;
  why:
    | { kind: 'no-python-option'; since: string }
    | { kind: 'requires-python'; requires: string; python: string }
    | { kind: 'too-old-for'; since: string; python: string };
}

/** An interpreter without pip. */
export interface Pipless {
  executable: string;
  envKind: string;
  prefix: string;
}

export type NoPipDid =
  | { kind: 'refused' }
  | { kind: 'no-other-pip' }
  | { kind: 'other-too-old'; version: string; path: string; since: string }
  | { kind: 'other-pip'; version: string; path: string; userKept?: UserOff | null }
  /** The other pip found cannot run under this interpreter. */
  | { kind: 'other-cannot'; path: string; cannot: PipCannot }
  /** `--target`/`--prefix`/`--root` kept: another pip installs there with --python. */
  | { kind: 'other-pip-location'; version: string; path: string; location: ExplicitLocation };

/** What a situation found, before what it did about it. */
export type Found =
  | { kind: 'no-env'; tool: string | null; prefix: string }
  | { kind: 'externally-managed'; executable: string; marker: string }
  | { kind: 'not-writable'; purelib: string }
  | { kind: 'rule'; rule: RuleRef };

export type FoundDid =
  /** Refused (the refusal's next steps say what to do). */
  | { kind: 'refused' }
  /** pip runs, and will refuse or fail: the steps that help. */
  | { kind: 'pip-will-refuse'; next: NextStep[] }
  | { kind: 'no-break-option'; pipVersion: string | null; since: string; next: NextStep }
  | { kind: 'break-system-packages' }
  | { kind: 'no-user-fallback'; pipVersion: string | null; since: string; next: NextStep[] }
  | {
      kind: 'user-site';
      userSite: string;
      scripts: string;
      onPath: boolean;
    }
  // The venv action (src/core/decide/venv-target.ts):
  | { kind: 'venv-missing-uninstall'; path: string; prefix: string }
  | { kind: 'venv-no-create'; path: string }
  | { kind: 'venv-unvouched'; path: string }
  | { kind: 'venv-no-python'; path: string }
  | { kind: 'venv-no-pip'; path: string }
  | { kind: 'venv-pipless'; path: string; pipVersion: string | null; rebuild: NextStep }
  | { kind: 'venv'; path: string; exists: boolean };

export type { UserOff } from './outcome.js';
