/**
 * The oracle of the differential test: given what pip alone did and what
 * pipwarden did in the same set-up, and where the user meant the package to
 * go, one class. Pure. The classes, in the order they are tested:
 *
 * - stray: either run left the package in a real machine interpreter (a
 *   pyenv version, Debian's /usr/lib/python3/dist-packages, /usr/local…).
 *   The set-ups never point pip there, so this is always a defect.
 * - broke: pip alone exited 0 and pipwarden did not. A refusal by a
 *   documented policy (exit 77) is no excuse here: the test runs the default
 *   config, which asks for no refusal where pip alone succeeds.
 * - same: both exited 0, or both did not, and the package is in the same
 *   places after both, and that is what the user meant or pip's own usage
 *   error (exit 2) on both sides.
 * - missed: the same as pip alone, and that is not what the user meant: pip
 *   alone put it elsewhere (the user site while a conda env is active), or
 *   failed where the user meant a place (`python -m pip --target` in an env
 *   without pip). Not counted against
 *   the contract (pipwarden did no harm), but listed: pipwarden could have
 *   done better.
 * - fixed: pipwarden differs from pip alone, and it did what the user meant:
 *   the package is where `intended` says, and pipwarden exited 0 or pip alone
 *   failed too.
 * - misplaced: pipwarden differs from pip alone and from what the user meant.
 *
 * Where the user meant it (`intended`, see intendedPlaces) is a set of
 * acceptable outcomes, each a set of places ('' = nowhere):
 * - an explicit location wins: `--target` → target, `--prefix` → prefix,
 *   download and wheel → the download dir;
 * - `--dry-run` and uninstall → nowhere (uninstall: removed from wherever the
 *   seed install put it);
 * - an activated venv, conda or pixi env → the env, user mode or not (the
 *   README's promise; issue 17). A `--system-site-packages` venv with user
 *   mode → the env or the user site (the issue leaves the choice open);
 * - no env, base writable → the user site when pip's own options ask for
 *   user mode (after `--isolated` drops the `PIP_*` variables), else the base;
 * - no env, base not writable → the user site (pip's own fallback);
 * - Debian's externally managed Python → nowhere (PEP 668: pip refuses).
 */

export type Place =
  | 'env'
  | 'user'
  | 'target'
  | 'prefix'
  | 'downloads'
  | 'outer'
  | 'system'
  | 'elsewhere'
  | 'stray';

export interface Outcome {
  exit: number | null;
  /** Where the package is after the run, sorted. */
  places: Place[];
}

export type Verdict = 'stray' | 'broke' | 'same' | 'missed' | 'fixed' | 'misplaced';

/** The failures of the contract: Done means none of these. */
export const FAILING: readonly Verdict[] = ['stray', 'broke', 'misplaced'];

export function placesKey(places: readonly Place[]): string {
  return [...places].sort().join('+');
}

export function classify(alone: Outcome, warden: Outcome, intended: readonly string[]): Verdict {
  if (alone.places.includes('stray') || warden.places.includes('stray')) return 'stray';
  if (alone.exit === 0 && warden.exit !== 0) return 'broke';
  // pip's usage error (an option this subcommand lacks) on both sides: the call was never valid.
  if (
    alone.exit === 2 &&
    warden.exit === 2 &&
    placesKey(warden.places) === placesKey(alone.places)
  ) {
    return 'same';
  }
  const ok = (o: Outcome) => intended.includes(placesKey(o.places));
  const sameExit = (alone.exit === 0) === (warden.exit === 0);
  if (sameExit && placesKey(alone.places) === placesKey(warden.places)) {
    return ok(alone) || (alone.exit !== 0 && intended.includes('')) ? 'same' : 'missed';
  }
  if (ok(warden) && (warden.exit === 0 || alone.exit !== 0)) return 'fixed';
  return 'misplaced';
}

/** The facts of a scenario the intended place depends on. */
export interface Intent {
  action: string;
  /** 'venv' | 'conda' | 'pixi' | 'none' */
  env: string;
  systemSitePackages: boolean;
  externallyManaged: boolean;
  baseWritable: boolean;
  /** Whether pip's own options ask for user mode (what pip alone reads). */
  userMode: boolean;
}

export function intendedPlaces(i: Intent): string[] {
  if (i.action === 'install --target') return ['target'];
  if (i.action === 'install --prefix') return ['prefix'];
  if (i.action === 'download' || i.action === 'wheel') return ['downloads'];
  if (i.action === 'install --dry-run' || i.action === 'uninstall') return [''];
  if (i.env !== 'none') return i.systemSitePackages && i.userMode ? ['env', 'user'] : ['env'];
  if (i.externallyManaged) return [''];
  if (!i.baseWritable) return ['user'];
  return [i.userMode ? 'user' : 'env'];
}

/**
 * Whether pip alone runs in user mode: `--user`; `--no-user` never; else
 * PIP_USER (ignored under `--isolated`), else pip.conf's `user = true`
 * (PIP_CONFIG_FILE is still read under `--isolated`: pip's configuration.py
 * skips only the environment's PIP_* names and the user and site files).
 */
export function pipUserMode(user: string, isolated: boolean): boolean {
  if (user === '--user') return true;
  if (user === 'PIP_USER=1') return !isolated;
  if (user === 'pip.conf user') return true;
  return false;
}
