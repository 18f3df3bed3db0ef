import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipwarden } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';
import { tempDir } from '../helpers/tmp.js';
import { installedIn } from '../helpers/venv.js';
import { buildWheel } from '../helpers/wheel.js';
import { fastVenv } from '../shell/support/fast-venv.js';
import { rootSuitePrereqs } from './support.js';

// Defect: on a nearly full disk write(2) returns a short count; writeAtomic
// ignored it and renamed a truncated plan cache entry into place, and the
// next identical call replayed it without Node, losing trailing arguments.
// Here HOME, the cache dir and the state (audit) dir are each a small tmpfs
// in a private mount namespace, filled to leave 0…8 pages free, and real pip
// runs through real shims: every call must do what pip alone does, the
// second identical call too (`--dry-run` survives), and no file pipwarden
// left there may be cut short.

const why = rootSuitePrereqs();
if (why !== null && process.env.CI === 'true') {
  throw new Error(`full disk suite: missing prerequisite: ${why}`);
}
if (why !== null) console.warn(`full disk suite skipped: ${why}`);

const FREE_PAGES = [0, 1, 2, 4, 8];
const MARK = '@@pipwarden-call';

// Inside `unshare -m`: a tmpfs on each dir, filled up, then the calls. Each
// call's status and output are framed by MARK lines; the trees are copied out.
const SCRIPT = `
set -u
out=$1 free=$2
shift 2
for m in "$@"; do
  mount -t tmpfs -o size=256k,mode=0755 tmpfs "$m" || exit 90
  dd if=/dev/zero of="$m/.filler" bs=4096 2>/dev/null
  truncate -s "-$((free * 4096))" "$m/.filler" || exit 91
done
call() {
  printf '%s %s\\n' "${MARK}" "$*"
  "$@" 2>&1
  printf '@@pipwarden-end status=%s\\n' "$?"
}
set -- ${'$'}{PW_DRY}
call pip "$@"
call pip "$@"
call env PIPWARDEN_DISABLE=1 pip "$@"
call pip "$@" --user
call pip "$@" --user
cp -a "$HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME" "$out/"
`;

describe.skipIf(why !== null)('a full disk', () => {
  it('never makes a call fail that works alone, and never replays a cut-short file', () => {
    const root = tempDir('pipwarden-full-disk-');
    chmodSync(root, 0o755);
    const wheels = join(root, 'wheels');
    mkdirSync(wheels);
    buildWheel(wheels, 'pwdemo', '0.1');
    const venv = fastVenv(DEBIAN_PYTHON, join(root, 'venv'));
    const [home, cache, state, shims] = ['home', 'cache', 'state', 'shims'].map((d) =>
      join(root, d),
    ) as [string, string, string, string];
    for (const d of [home, cache, state]) mkdirSync(d);
    const env = hermeticEnv(home, {
      PATH: `${shims}:${join(venv, 'bin')}:/usr/bin:/bin`,
      VIRTUAL_ENV: venv,
      PIPWARDEN_SHIM_DIR: shims,
      PIPWARDEN_ORG_CONFIG_DIR: join(root, 'no-org'),
      XDG_CACHE_HOME: cache,
      XDG_STATE_HOME: state,
      PW_DRY: `install --dry-run --no-index --find-links ${wheels} pwdemo`,
    });
    const rehash = pipwarden(['rehash'], {
      env: { ...env, PATH: `${join(venv, 'bin')}:/usr/bin:/bin` },
    });
    expect(rehash.status, rehash.stderr).toBe(0);
    expect(readFileSync(join(shims, 'pip'), 'utf8')).toContain(`_pw_cache='${cache}/pipwarden'`);

    const problems: string[] = [];
    let entries = 0;
    for (const free of FREE_PAGES) {
      const out = join(root, `out-${free}`);
      mkdirSync(out);
      const r = spawnSync(
        'unshare',
        [
          '-m',
          '--propagation',
          'private',
          'sh',
          '-c',
          SCRIPT,
          'sh',
          out,
          String(free),
          home,
          cache,
          state,
        ],
        { env, cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 },
      );
      expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
      const calls = r.stdout.split(`${MARK} `).slice(1);
      expect(calls).toHaveLength(5);
      for (const c of calls) {
        const [head, ...body] = c.split('\n');
        const text = body.join('\n');
        if (!text.includes('@@pipwarden-end status=0'))
          problems.push(`free=${free} ${head}: ${text}`);
        else if (!text.includes('Would install pwdemo-0.1'))
          problems.push(`free=${free} ${head}: no dry run: ${text}`);
      }
      problems.push(...cutShort(out).map((p) => `free=${free}: ${p}`));
      const plans = join(out, 'cache', 'pipwarden', 'plans');
      if (existsSync(plans)) entries += readdirSync(plans).length;
    }
    expect(problems).toEqual([]);
    // Not vacuous: where there was room, entries were written (and replayed above).
    expect(entries).toBeGreaterThan(0);
    expect(installedIn(venv, 'pwdemo')).toBe(false);
  });
});

/** Files pipwarden left that are not whole: an entry without its last line, JSON that does not parse. */
function cutShort(out: string): string[] {
  const bad: string[] = [];
  const plans = join(out, 'cache', 'pipwarden', 'plans');
  for (const f of existsSync(plans) ? readdirSync(plans) : []) {
    const text = readFileSync(join(plans, f), 'utf8');
    if (!/\n_pw_whole='[^\n]*'\n$/.test(text)) bad.push(`plans/${f} is cut short`);
  }
  const probe = join(out, 'cache', 'pipwarden', 'probe');
  for (const f of existsSync(probe) ? readdirSync(probe) : []) {
    try {
      JSON.parse(readFileSync(join(probe, f), 'utf8'));
    } catch {
      bad.push(`probe/${f} is cut short`);
    }
  }
  const log = join(out, 'state', 'pipwarden', 'audit.log');
  const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(0, -1) : [];
  // A line torn by ENOSPC may stand alone; the next record must never be glued to it.
  const glued = lines.filter((l) => l.includes('}{'));
  if (glued.length > 0) bad.push(`audit.log has records glued to torn ones: ${glued.length}`);
  return bad;
}
