import { COMMANDS } from '../argv/pip-commands.js';
import { GENERAL_OPTIONS, type OptionRow } from '../argv/pip-options.js';
import { compareVersions } from '../version.js';

/** The pip release an option first appeared in, read from the parser's own tables. */
function since(rows: readonly OptionRow[], spelling: string): string {
  const row = rows.find(([spellings]) => spellings.split(' ').includes(spelling));
  const first = row?.[3];
  if (first === undefined) throw new Error(`pip's tables have no since-version for ${spelling}`);
  return first;
}

/** pip grew a `--python` general option in 22.3 (pypa/pip#11320). */
export const PIP_PYTHON_OPTION = since(GENERAL_OPTIONS, '--python');
/** `--break-system-packages` exists from 23.0.1 only (pypa/pip#11780); 23.0 has no override. */
export const PIP_BREAK_SYSTEM_PACKAGES = since(
  COMMANDS.install?.options ?? [],
  '--break-system-packages',
);
/**
 * pip honours EXTERNALLY-MANAGED (PEP 668) from 23.0
 * (pip/_internal/utils/misc.py check_externally_managed): a behaviour, not
 * an option, so no table holds it.
 */
export const PIP_PEP668 = '23.0';
/**
 * "Defaulting to user installation because normal site-packages is not
 * writeable" arrived in pip 20.0 (pypa/pip#1668); older pips fail with
 * Permission denied instead. A behaviour too.
 */
export const PIP_USER_FALLBACK = '20.0';

/** Whether pip `version` is at least `min`; an unknown version is not. */
export function atLeast(version: string | null, min: string): boolean {
  return version !== null && compareVersions(version, min) >= 0;
}
