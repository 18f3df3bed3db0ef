/**
 * pip and Python version numbers as comparable tuples: the one version
 * comparer of pipwarden. Only the leading release segment counts (`24.1b1` →
 * [24, 1], `25.0.dev0` → [25, 0]): a pre-release carries the options and
 * behaviour of the release it leads up to, which is what every caller needs.
 */
export type Release = readonly number[];

const RELEASE = /^\s*v?(\d+(?:\.\d+)*)/;

/** Parse `23.0.1` → [23, 0, 1]; null when the string has no leading release. */
export function parseRelease(version: string): Release | null {
  const m = RELEASE.exec(version);
  if (!m?.[1]) return null;
  return m[1].split('.').map(Number);
}

/** Compare two releases, treating missing segments as 0 (`22.1` = `22.1.0`). */
export function compareRelease(a: Release, b: Release): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** Compare two version strings; one without a leading release counts as 0. */
export function compareVersions(a: string, b: string): number {
  return compareRelease(parseRelease(a) ?? [0], parseRelease(b) ?? [0]);
}

/** Whether `version` lies in [since, until); a missing bound is open. */
export function inRange(version: Release, since?: string, until?: string): boolean {
  if (since !== undefined && compareRelease(version, parseRelease(since) ?? []) < 0) return false;
  if (until !== undefined && compareRelease(version, parseRelease(until) ?? []) >= 0) return false;
  return true;
}
