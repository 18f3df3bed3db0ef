import type { AuditRecord } from '../audit-record.js';
import { compareVersions } from '../version.js';
import { normalizeName } from './requirement-name.js';
import { userInstall } from './user-install.js';

/** A distribution `pip list --user` found in the site being listed. */
export interface InstalledDist {
  name: string;
  version: string;
}

/**
 * The site the distributions were listed from: the default user base of
 * Python `major.minor`, or a disposable base (one per Python version).
 */
export type UserSiteTarget =
  | { kind: 'user'; pythonVersion: string }
  | { kind: 'disposable'; base: string };

/** The pip command, from the audit log, that put a distribution there. */
export interface InstalledBy {
  time: string;
  /** As the user typed it. */
  argv: string[];
  /** What ran instead (pipwarden's rewrite). */
  final: string[];
  cwd: string;
  user: string;
}

export interface Provenance extends InstalledDist {
  /** null: no audit record explains it ("not seen by pipwarden"). */
  installedBy: InstalledBy | null;
}

/**
 * For each distribution, the latest audit record (by time; a tie goes to the
 * later line) that installed into this user base and named the project. A
 * record that pinned another version (`==0.1`, a wheel's filename) is an
 * older install since replaced, so it does not count.
 */
export function installedBy(
  dists: readonly InstalledDist[],
  records: Iterable<AuditRecord>,
  target: UserSiteTarget,
): Provenance[] {
  const byName = new Map(dists.map((d) => [normalizeName(d.name), d]));
  const best = new Map<string, AuditRecord>();
  for (const record of records) {
    const ui = userInstall(record);
    if (ui === null || !sameSite(ui.base, record, target)) continue;
    for (const req of ui.requirements) {
      const key = normalizeName(req.name);
      const dist = byName.get(key);
      if (dist === undefined) continue;
      if (req.version !== null && compareVersions(req.version, dist.version) !== 0) continue;
      const seen = best.get(key);
      if (seen === undefined || record.time >= seen.time) best.set(key, record);
    }
  }
  return dists.map((d) => {
    const r = best.get(normalizeName(d.name));
    return {
      name: d.name,
      version: d.version,
      installedBy:
        r === undefined
          ? null
          : { time: r.time, argv: r.argv, final: r.final?.argv ?? [], cwd: r.cwd, user: r.user },
    };
  });
}

/**
 * A disposable base is per Python version, so its path says it all. The
 * default user site is per version too (~/.local/lib/pythonX.Y): a record
 * that names its interpreter's version must name this one; older records,
 * written before they carried `pythonVersion`, are given the benefit.
 */
function sameSite(base: string | null, record: AuditRecord, target: UserSiteTarget): boolean {
  if (target.kind === 'disposable') return base === target.base;
  if (base !== null) return false;
  const v = record.pythonVersion;
  return v === undefined || v === null || majorMinor(v) === majorMinor(target.pythonVersion);
}

function majorMinor(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}
