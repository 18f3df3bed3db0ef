import { describeValue, isPlainObject } from './display.js';
import { closest } from './suggest.js';
import type { ValidationResult } from './types.js';

/** Per key of a section: what is wrong with a value, or null when it is fine. */
export type SectionChecks<T> = Record<keyof T, (v: unknown) => string | null>;

/**
 * One mapping section of a layer (`audit`, `backstop`): the valid keys, each
 * problem one line naming `at.key`, an unknown key a warning with the key it
 * most likely meant; null when the section is not a mapping at all.
 */
export function checkSection<T>(
  checks: SectionChecks<T>,
  value: unknown,
  at: string,
  result: ValidationResult,
): Partial<T> | null {
  const keys = Object.keys(checks);
  if (!isPlainObject(value)) {
    result.errors.push(
      `${at}: expected a mapping with ${keys.join(', ')}, got ${describeValue(value)}`,
    );
    return null;
  }
  const section: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const check = Object.hasOwn(checks, key) ? checks[key as keyof T] : undefined;
    if (!check) {
      const guess = closest(key, keys);
      result.warnings.push(
        `${at}.${key}: unknown key, ignored (${guess ? `did you mean ${guess}?` : `known keys: ${keys.join(', ')}`})`,
      );
      continue;
    }
    const problem = check(v);
    if (problem) result.errors.push(`${at}.${key}: ${problem}`);
    else section[key] = v;
  }
  return section as Partial<T>;
}
