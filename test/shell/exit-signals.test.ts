import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/cli.js';
import { fakePip } from './support/fake-pip.js';
import { fakeWorld, writeExecutable } from './support/fake-shims.js';
import { shellWorld } from './support/world.js';

// Issue 6, "Exit codes and signals": every status 0–255 and a death by
// SIGINT, SIGTERM or SIGHUP come through each shim unchanged, on the shim's
// own pass-through and on the engine path (the plan's _pw_exec). All 256
// statuses run with the fake engine (its plan is the same _pw_exec line the
// real engine prints); a sample runs through the real engine and real pip.

const ROUTES = [
  { shim: 'pip3', path: 'pass-through', args: ['list'] },
  { shim: 'pip3', path: 'engine', args: ['install', 'x'] },
  { shim: 'python3', path: 'pass-through', args: ['-c', 'x'] },
  { shim: 'python3', path: 'engine', args: ['-m', 'pip', 'install', 'x'] },
];

describe('every exit status 0–255', () => {
  for (const r of ROUTES) {
    it(`${r.shim} ${r.path}`, () => {
      const w = fakeWorld();
      // One sh runs all 256 calls, so the test stays fast.
      const script = `for s in $(seq 0 255); do REAL_STATUS=$s /bin/sh "$0" "$@" >/dev/null 2>"$ERR"; echo $?; done`;
      const out = spawnSync('/bin/sh', ['-c', script, join(w.shims, r.shim), ...r.args], {
        env: { PATH: `${w.shims}:${w.real}:/usr/bin:/bin`, ERR: join(w.root, 'err') },
        encoding: 'utf8',
      });
      expect(out.stdout.trim().split('\n').map(Number)).toEqual(
        Array.from({ length: 256 }, (_, i) => i),
      );
    });
  }
});

/** Start argv, wait for READY on stdout, send `signal` to its pid, return how it ended. */
function killWhenReady(argv: string[], env: Record<string, string>, signal: NodeJS.Signals) {
  const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    let out = '';
    let sent = false;
    child.stdout.on('data', (d) => {
      out += d;
      if (!sent && /READY|fakepip pid=/.test(out)) {
        sent = true;
        // A moment later, so the signal does not land inside the write that printed the line.
        setTimeout(() => child.kill(signal), 200);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      resolve({ code, signal: sig });
    });
  });
}

const SLEEPER = `#!/bin/sh
echo READY
exec sleep 30
`;

describe('SIGINT, SIGTERM and SIGHUP reach the real command, and the caller sees that death', () => {
  for (const r of ROUTES) {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      it(`${r.shim} ${r.path}: ${signal}`, async () => {
        const w = fakeWorld();
        writeExecutable(join(w.real, r.shim), SLEEPER);
        const env = { PATH: `${w.shims}:${w.real}:/usr/bin:/bin` };
        const end = await killWhenReady(['/bin/sh', join(w.shims, r.shim), ...r.args], env, signal);
        expect(end).toEqual({ code: null, signal });
      });
    }
  }
});

describe('through the real engine and a real interpreter', () => {
  it('pip install: statuses pass unchanged', () => {
    const w = shellWorld([]);
    const fake = fakePip(join(w.root, 'fake'), join(w.sys, 'bin', 'python'));
    for (const status of [0, 1, 2, 23, 77, 126, 127, 128, 255]) {
      const r = runCommand([join(w.shims, 'pip'), 'uninstall', '-y', 'x'], {
        env: w.env({ PATH: w.path(fake), FAKE_STATUS: String(status) }),
      });
      expect({ status, got: r.status }).toEqual({ status, got: status });
    }
  });

  it('pip install: SIGHUP and SIGINT reach pip through the engine path', async () => {
    const w = shellWorld([]);
    const fake = fakePip(join(w.root, 'fake'), join(w.sys, 'bin', 'python'));
    const env = w.env({ PATH: w.path(fake) });
    expect(await killWhenReady([join(w.shims, 'pip'), 'install', 'x'], env, 'SIGHUP')).toEqual({
      code: null,
      signal: 'SIGHUP',
    });
    // The fake pip handles SIGINT itself and exits 130, as pip does on KeyboardInterrupt.
    expect(await killWhenReady([join(w.shims, 'pip'), 'install', 'x'], env, 'SIGINT')).toEqual({
      code: 130,
      signal: null,
    });
  });
});
