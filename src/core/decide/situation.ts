import type { PipInvocation } from '../argv/types.js';
import type { ResolvedConfig } from '../config/types.js';
import type { Facts, InterpreterFacts } from '../facts.js';
import { compareVersions } from '../version.js';
import { type Draft, newDraft } from './draft.js';
import { type UserMode, userMode } from './user-mode.js';

/** What every situation reads, and the draft it writes to. */
export interface Situation {
  inv: PipInvocation;
  facts: Facts;
  interp: InterpreterFacts;
  config: ResolvedConfig;
  draft: Draft;
  user: UserMode;
  /** `install` or `uninstall`. */
  subcommand: string;
}

/** A fresh situation for an install or uninstall, with an empty draft. */
export function newSituation(
  inv: PipInvocation,
  facts: Facts,
  interp: InterpreterFacts,
  config: ResolvedConfig,
  user: UserMode = userMode(inv, facts),
): Situation {
  return { inv, facts, interp, config, draft: newDraft(), user, subcommand: inv.subcommand ?? '' };
}

/** pip grew a `--python` general option in 22.3 (pypa/pip#11320). */
export const PIP_PYTHON_OPTION = '22.3';
/** pip honours EXTERNALLY-MANAGED (PEP 668) from 23.0. */
export const PIP_PEP668 = '23.0';
/** `--break-system-packages` exists from 23.0.1 only (pypa/pip#11780); 23.0 has no override. */
export const PIP_BREAK_SYSTEM_PACKAGES = '23.0.1';
/**
 * "Defaulting to user installation because normal site-packages is not
 * writeable" arrived in pip 20.0 (pypa/pip#1668); older pips fail with
 * Permission denied instead.
 */
export const PIP_USER_FALLBACK = '20.0';

/** Whether pip `version` is at least `min`; an unknown version is not. */
export function atLeast(version: string | null, min: string): boolean {
  return version !== null && compareVersions(version, min) >= 0;
}

/** Two prefixes name the same env: compared through symlinks where the facts know them. */
export function samePrefix(
  a: { prefix: string; realPrefix?: string },
  b: { prefix: string; realPrefix?: string },
): boolean {
  return (
    samePath(a.prefix, b.prefix) || samePath(a.realPrefix ?? a.prefix, b.realPrefix ?? b.prefix)
  );
}

export function samePath(a: string, b: string): boolean {
  return trimSlash(a) === trimSlash(b);
}

function trimSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? trimSlash(p.slice(0, -1)) : p;
}
