import type { PipCannot } from '../reason.js';
import { compareRelease, parseRelease, type Release } from '../version.js';
import { atLeast, PIP_PYTHON_OPTION } from './pip-versions.js';

/**
 * Python 3.12 removed `pkgutil.ImpImporter`, which the pkg_resources that
 * pip vendors registered unconditionally until pip 23.2
 * (pip/_vendor/pkg_resources/__init__.py: `register_finder(pkgutil.ImpImporter, …)`
 * in 23.0.1, behind `hasattr` in 23.2.1): an older pip dies at import with
 * "AttributeError: module 'pkgutil' has no attribute 'ImpImporter'". Its
 * Requires-Python (`>=3.7`) does not say so.
 */
export const PIP_RUNS_ON_312 = '23.2';

/** The pip a plan would hand `--python`, as the facts know it. */
export interface PipFacts {
  version: string | null;
  /** `Requires-Python` from its dist-info METADATA; null or absent: unknown. */
  requiresPython?: string | null;
}

/** Why a pip cannot run under a Python: its own Requires-Python, or the 3.12 break. */
export type PipMisfit =
  | { kind: 'requires-python'; requires: string }
  | { kind: 'too-old-for'; since: string };

/**
 * Whether `pip --python <python>` can run: pip re-executes its own code
 * under that interpreter (pip/_internal/cli/main_parser.py), so it must be
 * a pip that Python can import. `python` is `X.Y` or `X.Y.Z`; an unknown
 * version is not judged. Null: it fits.
 */
export function pipMisfit(pip: PipFacts, python: string | null): PipMisfit | null {
  const py = python === null ? null : parseRelease(python);
  if (py === null) return null;
  const requires = pip.requiresPython ?? null;
  if (requires !== null && !satisfies(py, requires)) return { kind: 'requires-python', requires };
  if (
    compareRelease(py, [3, 12]) >= 0 &&
    pip.version !== null &&
    !atLeast(pip.version, PIP_RUNS_ON_312)
  )
    return { kind: 'too-old-for', since: PIP_RUNS_ON_312 };
  return null;
}

/**
 * A PEP 440 specifier set (`>=2.7,!=3.0.*,!=3.1.*`) against a Python
 * release: the operators pip's own Requires-Python lines use, plus `~=`
 * and `===`. A clause it cannot read counts as satisfied: pip itself is the
 * last judge, and a wrong "no" would refuse a call pip alone completes.
 */
export function satisfies(version: Release, spec: string): boolean {
  return spec
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .every((clause) => clauseHolds(version, clause));
}

const CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*v?(\d+(?:\.\d+)*)(\.\*)?$/;

function clauseHolds(version: Release, clause: string): boolean {
  const m = CLAUSE.exec(clause);
  if (!m?.[1] || !m[2]) return true;
  const op = m[1];
  const want = m[2].split('.').map(Number);
  if (m[3]) {
    // `==3.0.*` compares only as many segments as the prefix has.
    const same = want.every((n, i) => (version[i] ?? 0) === n);
    if (op === '==') return same;
    if (op === '!=') return !same;
    return true;
  }
  const c = compareRelease(version, want);
  switch (op) {
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
    case '==':
    case '===':
      return c === 0;
    case '!=':
      return c !== 0;
    default: {
      // ~=X.Y means >=X.Y, ==X.*; ~=X.Y.Z means >=X.Y.Z, ==X.Y.*
      const prefix = want.slice(0, -1);
      return c >= 0 && prefix.every((n, i) => (version[i] ?? 0) === n);
    }
  }
}

/** Why `pip --python <target>` cannot work with this pip, as a value, or null when it can. */
export function cannotTarget(pip: PipFacts, target: string | null): PipCannot | null {
  const pipVersion = pip.version;
  if (!atLeast(pip.version, PIP_PYTHON_OPTION))
    return { pipVersion, why: { kind: 'no-python-option', since: PIP_PYTHON_OPTION } };
  const misfit = pipMisfit(pip, target);
  if (misfit === null || target === null) return null;
  if (misfit.kind === 'requires-python')
    return {
      pipVersion,
      why: { kind: 'requires-python', requires: misfit.requires, python: target },
    };
  return { pipVersion, why: { kind: 'too-old-for', since: misfit.since, python: target } };
}
