import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN, pipwarden } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { makeVenv } from '../helpers/venv.js';
import { pathWith, world } from './fixtures.js';

const py = pyenvPython('3.12');

const noPy = needs('pyenv Python 3.12', py);

/**
 * A stand-in `pip` run by a real interpreter (so the probe is real): it
 * writes its pid, then sleeps until signalled, or exits with a chosen code.
 */
function fakePip(dir: string, python: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'pip');
  writeFileSync(
    path,
    `#!${python}\nimport os, sys, time\nopen(os.environ['PIDFILE'], 'w').write(str(os.getpid()))\ncode = os.environ.get('EXIT')\nif code: sys.exit(int(code))\ntime.sleep(60)\n`,
  );
  chmodSync(path, 0o755);
  return path;
}

async function waitFor(file: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      if (text) return text;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${file} never appeared`);
}

describe.skipIf(noPy)('pipwarden run: exit codes and signals', () => {
  it("passes pip's exit code through unchanged", () => {
    const w = world();
    const venv = makeVenv(py as string, join(w.root, 'venv'), { withoutPip: true });
    fakePip(join(w.root, 'bin'), join(venv, 'bin', 'python'));
    for (const code of ['0', '1', '2', '23']) {
      const env = w.env({
        PATH: pathWith(join(w.root, 'bin')),
        PIDFILE: join(w.root, `pid${code}`),
        EXIT: code,
      });
      expect(pipwarden(['run', '--', 'pip', 'install', 'x'], { env }).status).toBe(Number(code));
    }
  });

  it("a real pip's failure comes back as pip's exit code", () => {
    const w = world();
    const venv = makeVenv(py as string, join(w.root, 'venv'));
    const env = w.env({ PATH: pathWith(join(venv, 'bin')) });
    const r = pipwarden(['run', '--', 'pip', 'install', '--no-index', 'no-such-package-xyz'], {
      env,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/No matching distribution found for no-such-package-xyz/);
  });

  it.each(['SIGTERM', 'SIGHUP', 'SIGINT'] as const)(
    '%s to pipwarden reaches pip, and pipwarden dies of it',
    async (sig) => {
      const w = world();
      const venv = makeVenv(py as string, join(w.root, 'venv'), { withoutPip: true });
      fakePip(join(w.root, 'bin'), join(venv, 'bin', 'python'));
      const pidfile = join(w.root, 'pid');
      const env = w.env({ PATH: pathWith(join(w.root, 'bin')), PIDFILE: pidfile });
      // No TTY on stdin: SIGINT was meant for pipwarden alone, so it is forwarded.
      const child = spawn(process.execPath, [MAIN, 'run', '--', 'pip', 'install', 'x'], {
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const exited = new Promise<[number | null, NodeJS.Signals | null]>((r) =>
        child.on('exit', (c, s) => r([c, s])),
      );
      const pipPid = Number(await waitFor(pidfile));
      expect(pipPid).not.toBe(child.pid);
      child.kill(sig);
      const [code, signal] = await exited;
      expect(code).toBeNull();
      expect(signal).toBe(sig);
      expect(() => process.kill(pipPid, 0)).toThrow(); // pip is gone too
    },
  );
});
