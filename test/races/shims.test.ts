import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { start } from '../helpers/start.js';
import { installedIn } from '../helpers/venv.js';
import { shellWorld } from '../shell/support/world.js';

const COUNT = 32;
const PKGS = Array.from({ length: COUNT }, (_, i) => `pwrace${i}`);

describe('races: concurrent pip installs through the shims', () => {
  it(`${COUNT} pip installs of distinct wheels into one venv at once: all succeed, all land`, async () => {
    const w = shellWorld(PKGS);
    const venv = w.venv('venv');
    const env = w.env({ PATH: w.path(join(venv, 'bin')), VIRTUAL_ENV: venv });
    // Alternate the spellings so both shim kinds and the engine path race.
    const results = await Promise.all(
      PKGS.map((pkg, i) => {
        const install = ['install', '--no-index', '--find-links', w.wheels, pkg];
        const argv =
          i % 3 === 0
            ? ['python3', '-m', 'pip', ...install]
            : i % 3 === 1
              ? ['pip', ...install]
              : ['pip3', ...install];
        return start(['/bin/sh', '-c', 'exec "$@"', 'sh', ...argv], env);
      }),
    );
    const failed = results
      .map((r, i) => ({ pkg: PKGS[i], ...r }))
      .filter((r) => r.code !== 0 || /^pipwarden:/m.test(r.stderr));
    expect(failed).toEqual([]);
    expect(PKGS.filter((p) => !installedIn(venv, p))).toEqual([]);
    // Nothing landed in the "system" Python behind the venv.
    expect(PKGS.filter((p) => installedIn(w.sys, p))).toEqual([]);
  }, 240_000);
});

/** Every shim in `dir` must be complete: a reader never sees a half-written one. */
function checkShims(dir: string, seen: { reads: number; bad: string[] }) {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    let text: string;
    try {
      text = readFileSync(join(dir, name), 'utf8');
    } catch (error) {
      seen.bad.push(`${name}: ${(error as Error).message}`);
      continue;
    }
    seen.reads++;
    if (!text.startsWith('#!/bin/sh\n') || !text.endsWith('exec "$_pw_real" "$@"\n')) {
      seen.bad.push(`${name}: ${text.length} bytes, incomplete`);
    }
  }
}

describe('races: rehash while shims run', () => {
  it('no shim call fails and no shim is ever seen half-written', async () => {
    const w = shellWorld(['pwdemo']);
    const venv = w.venv('venv');
    // Two installs of the CLI: each rehash from the other one rewrites every
    // shim (the baked CLI path differs), so the loop really replaces files.
    const other = join(w.root, 'other-checkout');
    mkdirSync(other);
    for (const f of ['package.json', 'dist'])
      cpSync(join(ROOT, f), join(other, f), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(other, 'node_modules'));
    const mains = [join(ROOT, 'dist', 'cli', 'main.js'), join(other, 'dist', 'cli', 'main.js')];
    const env = w.env({ PATH: w.path(join(venv, 'bin')), VIRTUAL_ENV: venv });
    const rehashEnv = w.env({
      PATH: [join(venv, 'bin'), join(w.sys, 'bin'), '/usr/bin', '/bin'].join(':'),
    });
    const stop = join(w.root, 'stop');
    const rounds = 8;
    const rehash = start(
      [
        '/bin/sh',
        '-c',
        `i=0; while [ $i -lt ${rounds} ]; do
           "$0" "$1" rehash >/dev/null || echo "rehash A failed: $?"
           "$0" "$2" rehash >/dev/null || echo "rehash B failed: $?"
           i=$((i + 1))
         done; : > "$3"`,
        process.execPath,
        mains[0] as string,
        mains[1] as string,
        stop,
      ],
      rehashEnv,
    );
    // Pass-through calls (no Node) in a tight loop, and engine-path calls.
    const callers = ['pip --version', 'python3 -c pass', 'pip3 list --format=freeze'].map((cmd) =>
      start(
        [
          '/bin/sh',
          '-c',
          `n=0; while [ ! -e "$0" ]; do ${cmd} >/dev/null || echo "FAIL(${cmd}): $?"; n=$((n + 1)); done; echo "calls=$n"`,
          stop,
        ],
        env,
      ),
    );
    const installs = start(
      [
        '/bin/sh',
        '-c',
        `n=0; while [ ! -e "$0" ]; do
           pip install --no-index --find-links "$1" pwdemo >/dev/null || echo "FAIL(install): $?"
           pip uninstall -y pwdemo >/dev/null || echo "FAIL(uninstall): $?"
           n=$((n + 1)); done; echo "calls=$n"`,
        stop,
        w.wheels,
      ],
      env,
    );
    const seen = { reads: 0, bad: [] as string[] };
    while (!existsSync(stop)) {
      checkShims(w.shims, seen);
      await new Promise((r) => setTimeout(r, 5));
    }
    const r = await rehash;
    const ran = await Promise.all([...callers, installs]);
    expect(r.stdout + r.stderr).toBe('');
    for (const c of ran) {
      expect(c.stdout).toMatch(/^calls=[1-9]\d*\n$/);
      expect(c.stderr).not.toMatch(/^pipwarden:/m);
    }
    expect(seen.bad).toEqual([]);
    expect(seen.reads).toBeGreaterThan(100);
    // The last rehash (B) is what the shims now hold.
    // The shims bake the bundle the build makes beside dist/cli (scripts/bundle.mjs).
    const baked = join(
      other,
      'dist',
      existsSync(join(other, 'dist', 'bundle')) ? 'bundle' : 'cli',
      'main.js',
    );
    expect(readFileSync(join(w.shims, 'pip'), 'utf8')).toContain(`_pw_main='${baked}'`);
  }, 240_000);
});
