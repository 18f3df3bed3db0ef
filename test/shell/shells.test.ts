import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shQuote } from '../../src/core/render/quote.js';
import { renderShim } from '../../src/core/render/shim.js';
import { runBounded } from './support/bounded.js';
import { type FakeWorld, fakeWorld, writeExecutable } from './support/fake-shims.js';
import { requireShell, type Shell, shells, unshareWorks } from './support/shells.js';
import { TRICKY as ARGV_BYTES } from './support/tricky-args.js';

// Issue 21: the shims are `#!/bin/sh`, and /bin/sh is dash, bash 3.2 (macOS),
// bash 5 (Fedora, Arch), busybox (Alpine), mksh, yash, posh or zsh. One suite,
// run with each as the shim's interpreter (a link named `sh`, so each starts
// as a /bin/sh does) and with no locale: pass-through, the engine's plans
// (exec, rewrite, refusal, its own failure), exit statuses, signals, re-entry
// through a PATH-fallback manager, and every byte of every argument. The
// engine here is a stand-in whose plans are the lines the real engine prints;
// test/shell/plan-cache.test.ts runs the real one under these shells.

const B = (s: string) => Buffer.from(s, 'utf8');
const utf8 = (b: Buffer) => Buffer.from(b.toString('utf8'), 'utf8').equals(b);
/** The argv-bytes corpus, and what only the shells add: a lone `-` and `--`. */
const TRICKY: Buffer[] = [...ARGV_BYTES, B('-'), B('--')];

/** A dash script (ASCII) that rebuilds each argument with printf and execs `argv`. */
function driver(argv: string[], args: Buffer[]): string {
  const lines: string[] = [];
  const words = argv.map(shQuote);
  args.forEach((a, i) => {
    const oct = [...a].map((c) => `\\${c.toString(8).padStart(3, '0')}`).join('');
    lines.push(`_a${i}=$(printf '${oct}x')`);
    words.push(`"\${_a${i}%x}"`);
  });
  lines.push(`exec ${words.join(' ')}`);
  return `${lines.join('\n')}\n`;
}

/** What the fake REAL prints for `args`. */
const printed = (real: string, args: Buffer[]) =>
  Buffer.concat([B(`REAL ${real}\n`), ...args.flatMap((a) => [B('<'), a, B('>\n')])]);

/** Runs shim `name` under `sh` with these exact argument bytes; stdout as bytes. */
function runBytes(w: FakeWorld, sh: Shell, name: string, args: Buffer[], env = {}) {
  const script = join(w.root, `driver-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(script, driver([sh.sh, join(w.shims, name)], args));
  return spawnSync('/bin/sh', [script], {
    env: { PATH: `${w.shims}:${w.real}:/usr/bin:/bin`, ...env },
    cwd: w.root,
  });
}

/** A shim manager that, lacking a command, execs the next one on PATH without its own dir. */
function fakeManager(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const text = `#!/bin/sh
name=\${0##*/}
found=$(PATH=$(printf %s "$PATH" | sed "s|${dir}:||g") command -v "$name") || {
  echo "fakemgr: $name: command not found" >&2; exit 127; }
exec "$found" "$@"
`;
  for (const name of ['python3', 'python3.10', 'pip3']) writeExecutable(join(dir, name), text);
  return dir;
}

/** Starts argv, waits for `READY <pid>` on stdout, sends `signal`, resolves how it ended and the pid. */
function killWhenReady(argv: string[], env: Record<string, string>, signal: NodeJS.Signals) {
  const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise<{ signal: NodeJS.Signals | null; pid: number; readyPid: number }>(
    (resolve) => {
      let out = '';
      let readyPid = 0;
      child.stdout.on('data', (d) => {
        out += d;
        const m = /READY (\d+)/.exec(out);
        if (m && readyPid === 0) {
          readyPid = Number(m[1]);
          setTimeout(() => child.kill(signal), 100);
        }
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('exit', (_code, sig) => {
        clearTimeout(timer);
        resolve({ signal: sig, pid: child.pid!, readyPid });
      });
    },
  );
}

it('every rendered shim is pure ASCII (yash with no locale cannot read other bytes)', () => {
  for (const [kind, name] of [
    ['pip', 'pip'],
    ['pip', 'pip3.12'],
    ['python', 'python'],
    ['python', 'python3.12'],
  ] as const) {
    const text = renderShim({
      kind,
      name,
      shimDir: '/x/shims',
      node: '/x/node',
      main: '/x/main.js',
      version: '1.0.0',
    });
    const odd = [...Buffer.from(text)].findIndex((b) => b > 0x7e || (b < 0x20 && b !== 0x0a));
    expect(odd === -1 ? '' : text.slice(Math.max(0, odd - 40), odd + 10)).toBe('');
  }
});

for (const sh of shells()) {
  describe(sh.name, () => {
    const ok = () => requireShell(sh);

    // yash decodes its arguments in the locale first and empties each it cannot
    // decode (with a warning): under a UTF-8 locale every UTF-8 argument still
    // comes through, and with no locale every ASCII one.
    const corpus = sh.decodesArgs ? TRICKY.filter(utf8) : TRICKY;
    const env = sh.decodesArgs ? { LANG: 'C.UTF-8' } : {};

    it('pass-through: every byte of every argument, pip and python', () => {
      if (!ok()) return;
      const w = fakeWorld();
      const pipArgs = [B('list'), ...corpus];
      const r = runBytes(w, sh, 'pip', pipArgs, env);
      expect(r.stderr.toString()).toBe('');
      expect(r.stdout.toString('hex')).toBe(printed(join(w.real, 'pip'), pipArgs).toString('hex'));
      const pyArgs = [B('-c'), B('pass'), ...corpus];
      const p = runBytes(w, sh, 'python3', pyArgs, env);
      expect(p.stdout.toString('hex')).toBe(
        printed(join(w.real, 'python3'), pyArgs).toString('hex'),
      );
      if (!sh.decodesArgs) return;
      const ascii = [B('list'), ...TRICKY.filter((a) => a.every((c) => c < 0x80))];
      const noLocale = runBytes(w, sh, 'pip', ascii);
      expect(noLocale.stdout.toString('hex')).toBe(
        printed(join(w.real, 'pip'), ascii).toString('hex'),
      );
      // Never silent: yash itself names the argument it emptied.
      const lost = runBytes(w, sh, 'pip', [B('list'), Buffer.from([0x66, 0xff])], env);
      expect(lost.stderr.toString()).toMatch(/cannot convert the argument/);
    });

    it("the engine's plans: exec and rewrite keep every byte; refusal and the engine's failure run nothing", () => {
      if (!ok()) return;
      const w = fakeWorld();
      const args = [B('install'), ...corpus];
      const exec = runBytes(w, sh, 'pip3', args, env);
      expect(exec.stdout.toString('hex')).toBe(printed(join(w.real, 'pip3'), args).toString('hex'));
      expect(exec.stderr.toString()).toBe('ENGINE\n');
      const py = runBytes(w, sh, 'python3', [B('-m'), B('pip'), ...args], env);
      expect(py.stdout.toString('hex')).toBe(
        printed(join(w.real, 'python3'), [B('-m'), B('pip'), ...args]).toString('hex'),
      );
      const rw = runBytes(w, sh, 'pip', args, { ...env, FAKE_ENGINE_MODE: 'rewrite' });
      expect(rw.stdout.toString('hex')).toBe(
        printed(join(w.real, 'pip'), [...args, B('--rewritten')]).toString('hex'),
      );
      expect(rw.stderr.toString()).toBe('pipwarden: rewritten\n');
      const refuse = runBytes(w, sh, 'pip', args, { FAKE_ENGINE_MODE: 'refuse' });
      expect({ status: refuse.status, out: refuse.stdout.toString() }).toEqual({
        status: 77,
        out: '',
      });
      const fail = runBytes(w, sh, 'pip', args, { FAKE_ENGINE_MODE: 'fail' });
      expect({ status: fail.status, out: fail.stdout.toString() }).toEqual({ status: 78, out: '' });
      const empty = runBytes(w, sh, 'pip', args, { FAKE_ENGINE_MODE: 'empty' });
      expect({ status: empty.status, out: empty.stdout.toString() }).toEqual({
        status: 70,
        out: '',
      });
    });

    it('exit statuses come through unchanged, pass-through and engine', () => {
      if (!ok()) return;
      const w = fakeWorld();
      const statuses = [0, 1, 2, 3, 77, 126, 127, 128, 130, 255];
      const script = `for s in ${statuses.join(' ')}; do REAL_STATUS=$s "$SH" "$0" "$@" >/dev/null 2>&1; echo $?; done`;
      for (const args of [['list'], ['install', 'x']]) {
        const out = spawnSync('/bin/sh', ['-c', script, join(w.shims, 'pip3'), ...args], {
          env: { PATH: `${w.shims}:${w.real}:/usr/bin:/bin`, SH: sh.sh },
          encoding: 'utf8',
        });
        expect(out.stdout.trim().split('\n').map(Number)).toEqual(statuses);
      }
    });

    it('signals reach the real command, which has the shim pid (exec), pass-through and engine', async () => {
      if (!ok()) return;
      const w = fakeWorld();
      const slow = join(w.root, 'slow');
      mkdirSync(slow);
      writeExecutable(join(slow, 'pip'), '#!/bin/sh\necho "READY $$"\nexec sleep 30\n');
      const env = { PATH: `${w.shims}:${slow}:/usr/bin:/bin` };
      for (const sub of ['list', 'install']) {
        for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
          const r = await killWhenReady([sh.sh, join(w.shims, 'pip'), sub], env, signal);
          expect({ sub, signal: r.signal, samePid: r.readyPid === r.pid }).toEqual({
            sub,
            signal,
            samePid: true,
          });
        }
      }
    });

    it('re-entry through a PATH-fallback manager: 127 when nothing else has it, else the next one', async () => {
      if (!ok()) return;
      const w = fakeWorld();
      const mgr = fakeManager(join(w.root, 'mgr'));
      let r = await runBounded([sh.sh, join(w.shims, 'python3.10'), '-c', 'x'], {
        env: { PATH: `${w.shims}:${mgr}:/usr/bin:/bin` },
        cwd: w.root,
      });
      expect({ timedOut: r.timedOut, status: r.status }).toEqual({ timedOut: false, status: 127 });
      expect(r.stderr).toMatch(/^pipwarden: python3\.10: command not found\n/);
      for (const args of [['list'], ['install', 'x']]) {
        r = await runBounded([sh.sh, join(w.shims, 'pip3'), ...args], {
          env: { PATH: `${w.shims}:${mgr}:${w.real}:/usr/bin:/bin` },
          cwd: w.root,
        });
        expect({ timedOut: r.timedOut, out: r.stdout }).toEqual({
          timedOut: false,
          out: `REAL ${w.real}/pip3\n${args.map((a) => `<${a}>\n`).join('')}`,
        });
      }
    });

    it('as /bin/sh itself (bind-mounted over it in a private mount namespace): pass-through, engine, re-entry', async () => {
      if (!ok()) return;
      if (!unshareWorks()) {
        if (process.env.CI === 'true') throw new Error('unshare -m does not work here');
        console.warn('skipped: unshare -m does not work here');
        return;
      }
      const w = fakeWorld();
      // The real command says which binary runs /bin/sh for it (device:inode of /proc/$$/exe).
      const who = join(w.root, 'who');
      mkdirSync(who);
      writeExecutable(
        join(who, 'pip'),
        '#!/bin/sh\nprintf "REAL %s " "$0"; stat -Lc %d:%i /proc/$$/exe; for a in "$@"; do printf "<%s>\\n" "$a"; done\n',
      );
      const mgr = fakeManager(join(w.root, 'mgr'));
      const st = statSync(sh.bin);
      const inode = `${st.dev}:${st.ino}`;
      const inNs = (args: string[], path: string) =>
        runBounded(
          [
            'unshare',
            '-m',
            '--propagation',
            'private',
            '/bin/dash',
            '-c',
            'mount --bind "$1" /bin/sh && shift && exec "$@"',
            'ns',
            sh.bin,
            ...args,
          ],
          { env: { PATH: path }, cwd: w.root, timeoutMs: 20_000 },
        );
      for (const sub of ['list', 'install']) {
        const r = await inNs(
          [join(w.shims, 'pip'), sub, "it's ~"],
          `${w.shims}:${who}:/usr/bin:/bin`,
        );
        expect({ status: r.status, out: r.stdout }).toEqual({
          status: 0,
          out: `REAL ${who}/pip ${inode}\n<${sub}>\n<it's ~>\n`,
        });
      }
      const back = await inNs(
        [join(w.shims, 'pip3'), 'install', 'x'],
        `${w.shims}:${mgr}:${w.real}:/usr/bin:/bin`,
      );
      expect({ timedOut: back.timedOut, out: back.stdout }).toEqual({
        timedOut: false,
        out: `REAL ${w.real}/pip3\n<install>\n<x>\n`,
      });
    });
  });
}
