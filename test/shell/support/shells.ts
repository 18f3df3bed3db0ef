import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Where `.ci/run` builds GNU bash 3.2: outside the clone, so that the next
 * run on the same machine (a fresh clone) reuses it. CI_BASH32_DIR
 * overrides; the bench reads the same place.
 */
export const BASH32_DIR =
  process.env.CI_BASH32_DIR ?? join(homedir(), '.cache', 'pipwarden-ci', 'bash-3.2');

/**
 * `sh-sources/` (bash 3.2's source and its build script) beside the repo,
 * as `../shared` of the checkout or of the dir that holds it, or where
 * PIPWARDEN_SH_SOURCES says.
 */
export function shSources(): string | null {
  const env = process.env.PIPWARDEN_SH_SOURCES;
  const tries = env
    ? [env]
    : [resolve(ROOT, '../shared/sh-sources'), resolve(ROOT, '../../shared/sh-sources')];
  return tries.find((d) => existsSync(join(d, 'build-bash-3.2.sh'))) ?? null;
}

/** A `/bin/sh` that users really have, as a test runs it. */
export interface Shell {
  name: string;
  /** The binary: bind-mounted over /bin/sh for the private-namespace runs. */
  bin: string;
  /**
   * How to run a script file with it as the interpreter: a link named `sh`
   * to `bin`, so each starts as a /bin/sh does (bash in POSIX mode, busybox's
   * sh applet, zsh emulating sh, yash in POSIX mode).
   */
  sh: string;
  /** Why it cannot run here, or null. */
  missing: string | null;
  /** Its `test -nt` compares whole seconds. */
  wholeSeconds: boolean;
  /**
   * It decodes its arguments in the locale before the script's first line
   * runs, and replaces (with a warning) each one the locale cannot decode by
   * an empty string: yash. No `#!/bin/sh` script can get those bytes back.
   */
  decodesArgs: boolean;
  /** It passes PIP_* names that are not shell names (PIP_INDEX-URL) on to what it execs. */
  carriesOddNames: boolean;
}

function which(bin: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p.startsWith('/') ? p : null;
}

/** A link named `sh` to `bin`, in a dir of its own. */
function asSh(name: string, bin: string): string {
  const dir = join(
    tmpdir(),
    `pipwarden-sh-${process.getuid?.() ?? 0}`,
    name.replace(/[^a-z0-9.]+/g, '-'),
  );
  const link = join(dir, 'sh');
  if (!existsSync(link)) {
    mkdirSync(dir, { recursive: true });
    try {
      symlinkSync(bin, link);
    } catch {
      // Made by a parallel test file meanwhile.
    }
  }
  return link;
}

function system(name: string, bin: string, over: Partial<Shell> = {}): Shell {
  const path = which(bin);
  return {
    name,
    bin: path ?? bin,
    sh: path ? asSh(name, path) : bin,
    missing: path ? null : `${bin} is not installed (apt-get install ${bin}; .ci/run installs it)`,
    wholeSeconds: false,
    carriesOddNames: false,
    decodesArgs: false,
    ...over,
  };
}

function bash32(): Shell {
  const sh = join(BASH32_DIR, 'sh');
  const sources = shSources();
  return {
    name: 'bash 3.2 as sh',
    bin: sh,
    sh,
    missing: existsSync(sh)
      ? null
      : sources
        ? `GNU bash 3.2 is not built: ${join(sources, 'build-bash-3.2.sh')} ${BASH32_DIR} (.ci/run does it)`
        : `GNU bash 3.2 is not built at ${BASH32_DIR} and ../shared/sh-sources is absent (set PIPWARDEN_SH_SOURCES)`,
    wholeSeconds: true,
    carriesOddNames: true,
    decodesArgs: false,
  };
}

/** Every /bin/sh of issue 21: dash, bash 3.2 and 5 as sh, busybox, mksh, yash, posh, zsh as sh. */
export function shells(): Shell[] {
  return [
    system('dash', 'dash'),
    bash32(),
    system('bash 5 as sh', 'bash', { carriesOddNames: true }),
    system('busybox sh', 'busybox', { wholeSeconds: true }),
    system('mksh', 'mksh'),
    system('yash', 'yash', { carriesOddNames: true, decodesArgs: true }),
    system('posh', 'posh'),
    system('zsh as sh', 'zsh', { carriesOddNames: true }),
  ];
}

/** Under CI=true a missing shell fails the test; locally the test is skipped with the reason. */
export function requireShell(sh: Shell): boolean {
  if (sh.missing === null) return true;
  if (process.env.CI === 'true') throw new Error(`${sh.name}: ${sh.missing}`);
  console.warn(`skipped under ${sh.name}: ${sh.missing}`);
  return false;
}

/** Whether this machine lets a test bind-mount a shell over /bin/sh in a private mount namespace. */
export const unshareWorks = (): boolean =>
  spawnSync('unshare', ['-m', 'true']).status === 0 && existsSync('/bin/sh');
