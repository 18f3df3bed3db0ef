import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CachedWorld, cachedWorld } from './support/cached-world.js';
import { CASES, installArgs, refused, refuseUserInVenv } from './support/plan-cache-cases.js';
import { requireShell, type Shell, shells } from './support/shells.js';

// Issue 21, item 3: the plan cache under every /bin/sh, with the real engine
// and a real pip. bash 3.2 (macOS) and busybox (Alpine) compare mtimes in
// whole seconds: they replay from the whole-second stamp pairs, which exist
// only for inputs whose second ended two seconds before the engine started
// (io/plan-cache/stamps.ts). So every invalidation case of plan-cache.test.ts
// runs under them too, and so do changes made in the same second as the
// entry was recorded.

const quiet = { timeout: 180_000 };
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

type Opts = NonNullable<Parameters<CachedWorld['call']>[1]>;

/**
 * Calls until one replays (no Node). Under a whole-second shell a fresh
 * world's inputs are too recent for a whole-second entry, so the calls go on,
 * a second apart, until the engine has written one (a few seconds at most).
 */
function warmUnder(w: CachedWorld, sh: Shell, args: string[], opts: Opts = {}) {
  for (let i = 0; i < 8; i++) {
    const r = w.call(args, { ...opts, sh: sh.sh });
    if (r.nodeStarts === 0) return r;
    if (i >= 2) sleep(1000);
  }
  throw new Error(`no replay under ${sh.name} after eight calls of ${args.join(' ')}`);
}

const replaying = shells().filter((s) => s.name !== 'posh' && s.name !== 'yash');

describe.each(replaying)('$name', (sh) => {
  it('replays a pass and a rewrite with no Node start, and with the same result', quiet, () => {
    if (!requireShell(sh)) return;
    const w = cachedWorld();
    for (const args of [installArgs(w), installArgs(w, '--user')]) {
      const engine = w.call(args, { sh: sh.sh });
      const replay = warmUnder(w, sh, args);
      expect(replay.status).toBe(0);
      expect(replay.stdout).toContain('Requirement already satisfied: pwdemo');
      expect(replay.stderr).toBe(engine.stderr);
    }
  });
});

const whole = shells().filter((s) => s.wholeSeconds);

describe.each(whole)('$name: every invalidation case', (sh) => {
  for (const c of CASES) {
    it(c.name, quiet, () => {
      if (!requireShell(sh)) return;
      const w = cachedWorld();
      const args = installArgs(w, ...(c.extra ?? []));
      const opts = c.setup?.(w) ?? {};
      warmUnder(w, sh, args, opts);
      const after = c.change(w);
      const r = w.call(after?.args ?? args, { ...(after?.opts ?? opts), sh: sh.sh });
      expect(r.nodeStarts).toBe(1);
      c.expect?.(r);
    });
  }

  it(
    'a config edited in the same second as the entry was recorded: the next call misses',
    quiet,
    () => {
      if (!requireShell(sh)) return;
      const w = cachedWorld();
      const args = installArgs(w, '--user');
      const rc = join(w.proj, '.pipwardenrc.yaml');
      writeFileSync(rc, 'onUserInVenv: env\n');
      warmUnder(w, sh, args);
      // Record afresh, then edit at once; try until the edit shares the entry's second.
      for (let i = 0; ; i++) {
        rmSync(w.plans, { recursive: true });
        expect(w.call(args, { sh: sh.sh }).nodeStarts).toBe(1);
        const [entry] = readdirSync(w.plans).filter((f) => f.startsWith('pip.'));
        writeFileSync(rc, i % 2 === 0 ? refuseUserInVenv : 'onUserInVenv: env\n');
        const second = (p: string) => Math.floor(statSync(p).mtimeMs / 1000);
        if (second(rc) === second(join(w.plans, entry!))) {
          const r = w.call(args, { sh: sh.sh });
          expect(r.nodeStarts).toBe(1);
          if (i % 2 === 0) refused(r);
          return;
        }
        if (i > 6) throw new Error('never managed an edit in the same second as the entry');
        // Let the edit age past the margin, so the next entry has a whole-second pair for it.
        sleep(2500);
      }
    },
  );

  it(
    'a config made in the same second as a call, then changed a moment later: never replayed stale',
    quiet,
    () => {
      if (!requireShell(sh)) return;
      const w = cachedWorld();
      const args = installArgs(w, '--user');
      const rc = join(w.proj, '.pipwardenrc.yaml');
      writeFileSync(rc, 'onUserInVenv: env\n');
      const first = w.call(args, { sh: sh.sh });
      expect(first.status).toBe(0);
      writeFileSync(rc, refuseUserInVenv);
      refused(w.call(args, { sh: sh.sh }));
      // Still refused on every call after, replayed or not.
      for (let i = 0; i < 4; i++) refused(w.call(args, { sh: sh.sh }));
    },
  );
});

// Issue 16, defect 5: where /bin/sh is bash (or zsh), PIP_INDEX-URL reaches
// pip, but the shell cannot show it; a cached "pass" made without it must
// not be replayed. Under index-only the engine refuses such a call.
const carriers = shells().filter((s) => s.carriesOddNames && s.name !== 'yash');
describe.each(carriers)('$name: PIP_* names the shell cannot show', (sh) => {
  it(
    'PIP_INDEX-URL set after a pass was cached: the engine decides, and refuses under index-only',
    quiet,
    () => {
      if (!requireShell(sh)) return;
      const w = cachedWorld();
      mkdirSync(join(w.home, '.config', 'pipwarden'), { recursive: true });
      writeFileSync(join(w.home, '.config', 'pipwarden', 'config.yaml'), 'presets: [index-only]\n');
      // Already installed: pip is satisfied without asking an index.
      const args = ['install', 'pwdemo'];
      warmUnder(w, sh, args);
      const r = w.call(args, {
        sh: sh.sh,
        env: { 'PIP_INDEX-URL': 'https://elsewhere.example/simple' },
      });
      expect(r.nodeStarts).toBe(1);
      expect(r.status).toBe(77);
    },
  );
});

// Issue 17, item 5: dash (and busybox, mksh) drop such names when they exec,
// so pip never sees them; the engine names them, in one line.
const droppers = shells().filter((s) => ['dash', 'busybox sh', 'mksh'].includes(s.name));
describe.each(droppers)('$name: PIP_* names the shell drops', (sh) => {
  it(
    'the engine says in one line which name was dropped, why, and what to set instead',
    quiet,
    () => {
      if (!requireShell(sh)) return;
      const w = cachedWorld();
      const r = w.call(installArgs(w), {
        sh: sh.sh,
        env: { 'PIP_INDEX-URL': 'https://elsewhere.example/simple' },
      });
      expect(r.status).toBe(0);
      const lines = r.stderr.split('\n').filter((l) => l.includes('PIP_INDEX-URL'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^pipwarden: PIP_INDEX-URL: not passed on to pip: .*Next: set PIP_INDEX_URL instead$/,
      );
      // No entry is kept while the name is there, so every such call says it.
      expect(w.call(installArgs(w), { sh: sh.sh, env: { 'PIP_INDEX-URL': 'x' } }).stderr).toMatch(
        /PIP_INDEX-URL: not passed on/,
      );
    },
  );
});
