import type { Result } from './runner.js';

/**
 * Defects filed in issue 17 that other branches are fixing: a scenario that
 * matches one is reported with its number but does not fail the test. Delete
 * an entry when its fix lands; the test then holds the fix.
 */
// Empty: issue 17's defects 1–4 and 6–9 have landed, so every scenario
// holds the contract. A new entry needs an open issue, and goes when it lands.
const KNOWN: { id: string; matches: (r: Result) => boolean }[] = [];

/** The known defect a failing scenario reproduces, or null. */
export function knownDefect(r: Result): string | null {
  return KNOWN.find((k) => k.matches(r))?.id ?? null;
}
