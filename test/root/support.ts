import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';

/** The unprivileged user the suite hands a HOME to (Debian's nobody). */
export const USER_UID = 65534;

/**
 * What these suites need: root (to become the user with setpriv, to mount a
 * tmpfs in a private mount namespace), and the tools that switch users.
 * Under CI=true a missing one fails the suite; locally it skips with the reason.
 */
export function rootSuitePrereqs(): string | null {
  if (process.getuid?.() !== 0) return 'must run as root';
  for (const tool of ['unshare', 'setpriv', 'sudo', 'su', 'mount', 'dash']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0) {
      return `${tool} is not installed`;
    }
  }
  if (!existsSync(DEBIAN_PYTHON) || !existsSync('/usr/bin/pip3'))
    return 'no Debian python3 and pip3';
  return null;
}

/** Hand `paths` (each recursively) to the test user. */
export function giveToUser(...paths: string[]): void {
  for (const p of paths) {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) continue;
    chownSync(p, USER_UID, USER_UID);
    if (st.isDirectory()) {
      chmodSync(p, 0o755);
      giveToUser(...readdirSync(p).map((e) => join(p, e)));
    }
  }
}

/**
 * Every path under `dir` (itself included) with what a write would change:
 * inode, owner, mode, mtime (ns), size, and a link's target. Two equal
 * listings mean nothing was created, removed, replaced or written there.
 */
export function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string, rel: string) => {
    const st = lstatSync(p, { bigint: true });
    const link = st.isSymbolicLink() ? ` -> ${readlinkSync(p)}` : '';
    out.push(
      `${rel} ino=${st.ino} uid=${st.uid} mode=${st.mode.toString(8)} mtime=${st.mtimeNs} size=${st.isDirectory() ? '-' : st.size}${link}`,
    );
    if (st.isDirectory()) for (const e of readdirSync(p).sort()) walk(join(p, e), `${rel}/${e}`);
  };
  walk(dir, '.');
  return out;
}

/** Paths in a listing owned by root. */
export function rootOwned(lines: string[]): string[] {
  return lines.filter((l) => / uid=0 /.test(l));
}
