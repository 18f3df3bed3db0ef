import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPlanCacheEntry } from '../../src/core/render/plan-cache-entry.js';
import { PLAN_CACHE } from '../../src/core/render/shim-parts.js';

// Defect: writeAtomic once renamed a short-written entry into place, and the
// shim sourced it: a cut inside the plan's last line ran pip without the
// trailing arguments (`--dry-run` dropped, the package installed). Here every
// prefix of a real entry is sourced the way _pw_cached does it, in each sh:
// only the whole entry may run its plan, and a cut one must be a quiet miss.

const dir = mkdtempSync(join(tmpdir(), 'pipwarden-whole-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'stamps'));

const KEY = '2 9:/usr/pip 4:/tmp 3 7:install 6:pwdemo 9:--dry-run';
const text = renderPlanCacheEntry({
  key: KEY,
  cwd: dir,
  stderrTty: false,
  vars: [['PIP_INDEX_URL', undefined]],
  prefixes: [],
  paths: [],
  audit: { dir: join(dir, 'pending'), line: '{"kind":"x"}' },
  stderr: 'pipwarden: a notice\n',
  // What planToSh writes: the user's arguments as the shim's own "$@".
  // biome-ignore lint/suspicious/noTemplateCurlyInString: sh's positional parameters
  plan: '_pw_exec "$_pw_real" "${1}" "${2}" "${3}"',
});

// The shim's _pw_cached, from the line that sources the entry on, with _pw_exec
// standing for the exec: it prints what pip would have been given. Each file
// named after the first three arguments is sourced in a subshell of its own.
const harness = `${PLAN_CACHE}
_pw_exec() { shift; printf 'RAN'; printf ' <%s>' "$@"; echo; exit 0; }
_pw_real=/usr/pip _pw_c=$1 _pw_k=$2
shift 2
mkdir -p "$_pw_c/pending"
for _pw_f do
  (
    _pw_whole=
    command . "$_pw_f" 2>/dev/null
    if [ "$_pw_whole" = "$_pw_k" ]; then _pw_replay install pwdemo --dry-run; fi
    echo MISS
  )
  echo @@
done`;

const shells = ['dash', 'bash', 'busybox'].filter(
  (sh) => spawnSync(sh, ['-c', 'true'], { stdio: 'ignore' }).status === 0,
);

/** What sourcing each body printed on stdout, in order, and all of stderr. */
function source(sh: string, bodies: string[]): { outs: string[]; stderr: string } {
  const files = bodies.map((body, i) => {
    const file = join(dir, `entry-${sh}-${i}`);
    writeFileSync(file, body);
    return file;
  });
  const argv = sh === 'busybox' ? ['sh', '-c', harness] : ['-c', harness];
  const r = spawnSync(sh, [...argv, 'sh', dir, KEY, ...files], {
    cwd: dir,
    env: { PATH: '/usr/bin:/bin', HOME: dir },
    encoding: 'utf8',
    // Not a socket (vitest's default pipes are): bash would read ~/.bashrc.
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return { outs: r.stdout.split('@@\n').slice(0, -1), stderr: r.stderr };
}

describe('a plan cache entry proves it is whole', () => {
  it.each(shells)('%s: the whole entry replays every argument', (sh) => {
    expect(source(sh, [text])).toEqual({
      outs: ['RAN <install> <pwdemo> <--dry-run>\n'],
      stderr: 'pipwarden: a notice\n',
    });
  });

  it.each(shells)('%s: no prefix of it runs anything: each is a quiet miss', (sh) => {
    // Every cut short of the whole text (the final newline may go: the key is complete).
    const cuts = Array.from({ length: text.length - 1 }, (_, n) => n);
    const { outs, stderr } = source(
      sh,
      cuts.map((n) => text.slice(0, n)),
    );
    expect(outs).toHaveLength(cuts.length);
    expect(stderr).toBe('');
    const bad = outs.flatMap((out, n) =>
      out === 'MISS\n' ? [] : [`${n}: ${JSON.stringify(out)}`],
    );
    expect(bad).toEqual([]);
  });
});
