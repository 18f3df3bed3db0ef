import { checkSection, type SectionChecks } from './check-section.js';
import { describeValue } from './display.js';
import type { BackstopConfig, ValidationResult } from './types.js';

/**
 * The system PATH dirs `org apply` governs by default: Debian's login PATH
 * for root and users alike, where a distro's or an admin's Python lives.
 */
export const DEFAULT_BACKSTOP_DIRS: readonly string[] = [
  '/usr/local/sbin',
  '/usr/local/bin',
  '/usr/sbin',
  '/usr/bin',
  '/sbin',
  '/bin',
];

export const DEFAULT_BACKSTOP: BackstopConfig = {
  marker: true,
  dirs: [...DEFAULT_BACKSTOP_DIRS],
  roots: [],
};

const absoluteDirs = (v: unknown): string | null => {
  const items = Array.isArray(v) ? v : null;
  if (!items) return `expected a list of absolute paths, got ${describeValue(v)}`;
  for (const item of items) {
    if (typeof item !== 'string' || !item.startsWith('/') || item.includes('\n')) {
      return `expected an absolute path, got ${describeValue(item)}`;
    }
  }
  return null;
};

/** Per backstop key: what is wrong with a value, or null when it is fine. */
const CHECKS: SectionChecks<BackstopConfig> = {
  marker: (v) =>
    typeof v === 'boolean' ? null : `expected true or false, got ${describeValue(v)}`,
  dirs: absoluteDirs,
  roots: absoluteDirs,
};

/**
 * The `backstop` section (`pipwarden org apply`): which base interpreters
 * get pip's own EXTERNALLY-MANAGED marker. Only the org layer's counts
 * (load-config.ts warns about it elsewhere): a user who could name the
 * governed interpreters could take theirs out.
 */
export function checkBackstop(
  value: unknown,
  at: string,
  result: ValidationResult,
): Partial<BackstopConfig> | null {
  return checkSection(CHECKS, value, at, result);
}
