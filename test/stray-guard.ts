import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The machine's own interpreters must come out of a test run exactly as they
 * went in: tests install only into venvs and prefixes they made. This lists
 * what is installed in every site-packages the machine has, so the run can
 * fail if anything strayed there.
 */
export function machineSites(): string[] {
  const dirs: string[] = [];
  const pyenv = process.env.PYENV_ROOT ?? join(homedir(), '.pyenv');
  const versions = join(pyenv, 'versions');
  if (existsSync(versions)) {
    for (const v of readdirSync(versions)) {
      const lib = join(versions, v, 'lib');
      if (!existsSync(lib)) continue;
      for (const py of readdirSync(lib).filter((d) => d.startsWith('python'))) {
        dirs.push(join(lib, py, 'site-packages'));
      }
    }
  }
  for (const base of ['/usr/lib', '/usr/local/lib']) {
    for (const py of safeList(base).filter((d) => d.startsWith('python3'))) {
      dirs.push(join(base, py, 'dist-packages'), join(base, py, 'site-packages'));
    }
  }
  dirs.push('/usr/lib/python3/dist-packages', join(homedir(), '.local', 'lib'));
  return dirs.filter(existsSync);
}

export type SiteSnapshot = Map<string, string>;

export function snapshotSites(dirs: string[]): SiteSnapshot {
  const snap: SiteSnapshot = new Map();
  for (const dir of dirs) {
    snap.set(
      dir,
      safeList(dir)
        .filter((n) => n !== '__pycache__')
        .sort()
        .join('\n'),
    );
  }
  return snap;
}

/** One line per site-packages whose contents changed. */
export function strayed(before: SiteSnapshot, after: SiteSnapshot): string[] {
  const out: string[] = [];
  for (const [dir, listing] of after) {
    const was = before.get(dir);
    if (was === undefined) {
      out.push(`${dir}: appeared during the test run`);
      continue;
    }
    if (was === listing) continue;
    const old = new Set(was.split('\n'));
    const now = new Set(listing.split('\n'));
    const added = [...now].filter((n) => !old.has(n));
    const removed = [...old].filter((n) => !now.has(n));
    out.push(`${dir}: added [${added.join(', ')}] removed [${removed.join(', ')}]`);
  }
  return out;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
