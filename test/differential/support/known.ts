import type { Result } from './runner.js';

/**
 * Defects filed in issue 17 that other branches are fixing: a scenario that
 * matches one is reported with its number but does not fail the test. Delete
 * an entry when its fix lands; the test then holds the fix.
 */
const KNOWN: { id: string; matches: (r: Result) => boolean }[] = [
  {
    // `python -m pip` in an env without pip, in user mode: another pip runs
    // with --python but keeps user mode, so it lands in the user site.
    id: 'issue 17 defect 2',
    matches: (r) =>
      r.scenario.kind.endsWith('-nopip') &&
      r.scenario.form.endsWith('-m pip') &&
      r.warden.places.includes('user'),
  },
];

/** The known defect a failing scenario reproduces, or null. */
export function knownDefect(r: Result): string | null {
  return KNOWN.find((k) => k.matches(r))?.id ?? null;
}
