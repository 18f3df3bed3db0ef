import type { AuditRecord } from '../audit-record.js';

/**
 * One line of the audit log, or null for a line that is not a record we can
 * use: torn by a crash, written by something else, or from a format we do
 * not know. Only the fields provenance reads are checked.
 */
export function parseAuditLine(line: string): AuditRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  const { time, cwd, user, argv, final } = value;
  if (typeof time !== 'string' || typeof cwd !== 'string' || typeof user !== 'string') return null;
  if (!isStrings(argv)) return null;
  if (final !== null) {
    if (!isObject(final) || !isStrings(final.argv) || !isStrings(final.unset)) return null;
    if (!isObject(final.set) || !Object.values(final.set).every((v) => typeof v === 'string'))
      return null;
  }
  return value as unknown as AuditRecord;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}
