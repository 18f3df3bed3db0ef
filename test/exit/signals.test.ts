import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN } from '../helpers/cli.js';
import { shellWorld } from '../shell/support/world.js';
import { fakePython, start } from './support.js';

function setup() {
  const w = shellWorld([]);
  const fake = fakePython(join(w.root, 'fake'), join(w.sys, 'bin', 'python'));
  const env = w.env({ PATH: w.path(fake), VIRTUAL_ENV: w.sys });
  return { w, fake, env };
}

/** Start argv; resolve `pid` once the fake prints it, and `exited` with what the caller sees. */
function startWaiting(argv: string[], env: Record<string, string>) {
  const [file, ...args] = argv;
  const child = spawn(file as string, args, { env, cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const pid = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /fake pid=(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    exited.then(() => reject(new Error(`exited before printing its pid: ${out}\n${err}`)));
  });
  return { child, pid, exited, output: () => out };
}

const SENT = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

// Signals whose default action ends a process (SIGKILL and SIGSTOP aside).
const DEADLY = [
  'SIGHUP',
  'SIGINT',
  'SIGQUIT',
  'SIGILL',
  'SIGTRAP',
  'SIGABRT',
  'SIGBUS',
  'SIGFPE',
  'SIGKILL',
  'SIGUSR1',
  'SIGSEGV',
  'SIGUSR2',
  'SIGPIPE',
  'SIGALRM',
  'SIGTERM',
  'SIGXCPU',
  'SIGXFSZ',
  'SIGVTALRM',
  'SIGPROF',
  'SIGIO',
  'SIGSYS',
] as const;

describe('signals through the shims', () => {
  const calls: [string, string[]][] = [
    ['pip, pass path', ['pip', 'show', 'wait']],
    ['pip, engine path', ['pip', 'install', 'wait']],
    ['python3 -m pip, pass path', ['python3', '-m', 'pip', 'show', 'wait']],
    ['python3 -m pip, engine path', ['python3', '-m', 'pip', 'install', 'wait']],
  ];
  it.each(calls)(
    '%s: SIGINT, SIGTERM and SIGHUP reach pip, and the caller sees pip die of it',
    async (_, argv) => {
      const { w, env } = setup();
      for (const sig of SENT) {
        const [name, ...args] = argv as [string, ...string[]];
        const run = startWaiting([join(w.shims, name), ...args], env);
        // exec all the way: the shim's pid is pip's own.
        expect(await run.pid).toBe(run.child.pid);
        run.child.kill(sig);
        expect(await run.exited).toEqual({ code: null, signal: sig });
        expect(run.output()).toContain(`fake got ${sig}`);
      }
    },
    120_000,
  );

  it("a pip killed by any deadly signal makes the shim's caller see that signal", async () => {
    const { w, env } = setup();
    const seen: Record<string, string> = {};
    await Promise.all(
      DEADLY.map(async (sig) => {
        const pass = await start([join(w.shims, 'pip'), 'show', sig], env);
        const engine = await start([join(w.shims, 'pip'), 'install', sig], env);
        seen[sig] = `${pass.signal} ${engine.signal}`;
      }),
    );
    expect(seen).toEqual(Object.fromEntries(DEADLY.map((s) => [s, `${s} ${s}`])));
  }, 120_000);
});

describe('signals through pipwarden run', () => {
  it('a pip killed by a signal makes run die of that same signal', async () => {
    const { env } = setup();
    const seen: Record<string, string> = {};
    for (const sig of DEADLY) {
      const r = await start([process.execPath, MAIN, 'run', '--', 'pip', 'install', sig], env);
      seen[sig] = r.signal ?? `exit ${r.code}`;
    }
    // Node ignores SIGPIPE and SIGXFSZ in its own process and cannot be made
    // to die of them; run exits 128+n, which is what a shell shows as $? anyway.
    const expected = Object.fromEntries(DEADLY.map((s) => [s, s as string]));
    expected.SIGPIPE = 'exit 141';
    expected.SIGXFSZ = 'exit 153';
    expect(seen).toEqual(expected);
  }, 240_000);
});
