/**
 * pip version numbers as comparable tuples. Only the leading release segment
 * counts (`24.1b1` → [24, 1], `25.0.dev0` → [25, 0]): pre-releases carry the
 * options of the release they lead up to, which is what the tables need.
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

/** Whether `version` lies in [since, until); a missing bound is open. */
export function inRange(version: Release, since?: string, until?: string): boolean {
  if (since !== undefined && compareRelease(version, parseRelease(since) ?? []) < 0) return false;
  if (until !== undefined && compareRelease(version, parseRelease(until) ?? []) >= 0) return false;
  return true;
}
