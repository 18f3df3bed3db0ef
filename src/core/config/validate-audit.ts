import { describeValue, isPlainObject } from './display.js';
import { closest } from './suggest.js';
import type { AuditConfig, ValidationResult } from './types.js';

/** Per audit key: what is wrong with a value, or null when it is fine. */
const CHECKS: Record<keyof AuditConfig, (v: unknown) => string | null> = {
  log: (v) => (typeof v === 'boolean' ? null : `expected true or false, got ${describeValue(v)}`),
  syslog: (v) =>
    typeof v === 'boolean' ? null : `expected true or false, got ${describeValue(v)}`,
  // Relative would depend on each caller's cwd: a shared file must be one file.
  file: (v) =>
    v === null || (typeof v === 'string' && v.startsWith('/'))
      ? null
      : `expected an absolute path, or null, got ${describeValue(v)}`,
  dir: (v) =>
    v === null || (typeof v === 'string' && v.startsWith('/'))
      ? null
      : `expected an absolute path, or null, got ${describeValue(v)}`,
  maxBytes: (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 1024
      ? null
      : `expected a whole number of bytes, at least 1024, got ${describeValue(v)}`,
};
const KEYS = Object.keys(CHECKS);

/** The `audit` section of one layer: the valid keys, each problem one line. */
export function checkAudit(
  value: unknown,
  at: string,
  result: ValidationResult,
): Partial<AuditConfig> | null {
  if (!isPlainObject(value)) {
    result.errors.push(
      `${at}: expected a mapping with ${KEYS.join(', ')}, got ${describeValue(value)}`,
    );
    return null;
  }
  const audit: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const check = Object.hasOwn(CHECKS, key) ? CHECKS[key as keyof AuditConfig] : undefined;
    if (!check) {
      const guess = closest(key, KEYS);
      result.warnings.push(
        `${at}.${key}: unknown key, ignored (${guess ? `did you mean ${guess}?` : `known keys: ${KEYS.join(', ')}`})`,
      );
      continue;
    }
    const problem = check(v);
    if (problem) result.errors.push(`${at}.${key}: ${problem}`);
    else audit[key] = v;
  }
  return audit as Partial<AuditConfig>;
}
