import { checkSection, type SectionChecks } from './check-section.js';
import { describeValue } from './display.js';
import type { AuditConfig, ValidationResult } from './types.js';

/** Per audit key: what is wrong with a value, or null when it is fine. */
const CHECKS: SectionChecks<AuditConfig> = {
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

/** The `audit` section of one layer: the valid keys, each problem one line. */
export function checkAudit(
  value: unknown,
  at: string,
  result: ValidationResult,
): Partial<AuditConfig> | null {
  return checkSection(CHECKS, value, at, result);
}
