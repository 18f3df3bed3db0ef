import type { ActiveEnv, Importer, InterpreterFacts, PipSettings } from '../../core/facts.js';
import type { PathHit } from '../../io/shell/path-commands.js';
import type { RcLine } from '../../io/shell/shell-rc.js';
import type { ShimDirReport } from '../../io/shims/inspect-shim-dir.js';

/** One finding; warn and fail carry the fix. */
export interface Check {
  status: 'ok' | 'warn' | 'fail';
  what: string;
  /** The next step, for warn and fail. */
  next?: string;
}

/** A command name on PATH: what the shell runs, and whether our shim is the one it finds. */
export interface PathCommand {
  name: string;
  hits: PathHit[];
  /** The first hit is a pipwarden shim. */
  caught: boolean;
  /** What runs in the end: the first hit, or for a shim the real one it hands over to. */
  resolvesTo: string | null;
}

/**
 * Everything `doctor` shows, as one value: the text view and `--json` are
 * two renderings of it, so they cannot disagree.
 */
export interface DoctorReport {
  pipwarden: {
    version: string;
    node: string;
    shims: ShimDirReport;
    shimDirFirstOnPath: boolean;
    /**
     * pip and python names on this PATH (and in pyenv's versions) that the
     * shim dir has no shim for: they run without pipwarden until a rehash.
     */
    unshimmed: {
      name: string;
      from: string;
      /** Found in a PATH entry (not only in pyenv's versions): `rehash --follow` can shim it. */
      onPath: boolean;
      /** It has a follow shim, which this shell's PATH lacks (no prompt hook ran here). */
      followShim: boolean;
    }[];
    /** Whether this user can rewrite the shim dir (pipwarden rehash); not so for the system install's. */
    shimDirWritable: boolean;
    /** Start-up files holding a `pipwarden init` line. */
    initLines: RcLine[];
    /** For zsh users: whether .zshrc runs compinit (null: no .zshrc, or not zsh). */
    zshCompinit: boolean | null;
    /** The user's login shell name, from $SHELL. */
    shell: string | null;
    disabled: boolean;
    /** The plan cache (docs/plan-cache.md): off only with PIPWARDEN_PLAN_CACHE=0. */
    planCache: { on: boolean; dir: string | null; entries: number };
    config: {
      layers: { level: string; file: string }[];
      errors: string[];
      warnings: string[];
    };
  };
  path: PathCommand[];
  activeEnv: ActiveEnv | null;
  /** The interpreter `pip install` would run under, and the pip found for it. */
  pip: { command: string | null; interpreter: InterpreterFacts | null; error: string | null };
  pipSettings: PipSettings;
  /**
   * The interpreter `python3` on this PATH runs, when `pip` belongs to
   * another one (onPipPythonMismatch); null when they agree.
   */
  importer: Importer | null;
  /** onPipPythonMismatch as configured. */
  onPipPythonMismatch: string;
  /** What `pip install <pkg>` would do here, from the real decision. */
  pipInstall: { action: string; command: string[] | null; reasons: string[] } | null;
  checks: Check[];
}
