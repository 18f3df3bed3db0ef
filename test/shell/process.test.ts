import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderShim, SHIM_DIR_MARKER } from '../../src/core/render/shim.js';
import { runCommand } from '../helpers/cli.js';
import { childrenOf, fakePip } from './support/fake-pip.js';
import { writeExecutable } from './support/fake-shims.js';
import { shellWorld } from './support/world.js';

/** Start `file args` and resolve once its stdout matches `re`. */
function startUntil(file: string, args: string[], env: Record<string, string>, re: RegExp) {
  const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const matched = new Promise<RegExpMatchArray>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(re);
      if (m) resolve(m);
    });
    exited.then(() => reject(new Error(`exited before ${re}: ${out}\n${err}`)));
  });
  return { child, matched, exited };
}

describe('the shim becomes pip (exec): same pid, signals, no Node left', () => {
  it("engine path: pip install is exec'd in the shim's process, and SIGTERM to that pid reaches pip", async () => {
    const w = shellWorld([]);
    const fake = join(w.root, 'fake');
    fakePip(fake, join(w.sys, 'bin', 'python'));
    const env = w.env({ PATH: w.path(fake) });
    const { child, matched, exited } = startUntil(
      join(w.shims, 'pip'),
      ['install', 'x'],
      env,
      /fakepip pid=(\d+) ppid=(\d+)/,
    );
    const m = await matched;
    expect(Number(m[1])).toBe(child.pid);
    // Nothing under the shim's pid: no Node waiting, no sh waiting for pip.
    expect(childrenOf(child.pid!)).toEqual([]);
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it("pass-through: python3 is exec'd in the shim's process, and SIGTERM reaches it", async () => {
    const w = shellWorld([]);
    const { child, matched, exited } = startUntil(
      join(w.shims, 'python3'),
      ['-c', 'import os, time; print("py pid=%d" % os.getpid(), flush=True); time.sleep(60)'],
      w.env(),
      /py pid=(\d+)/,
    );
    expect(Number((await matched)[1])).toBe(child.pid);
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it("returns pip's exit status from the engine path", () => {
    const w = shellWorld([]);
    const fake = join(w.root, 'fake');
    fakePip(fake, join(w.sys, 'bin', 'python'));
    const r = runCommand([join(w.shims, 'pip'), 'uninstall', '-y', 'x'], {
      env: w.env({ PATH: w.path(fake), FAKE_STATUS: '23' }),
    });
    expect(r.stdout).toMatch(/fakepip pid=\d+ ppid=\d+ args=\['uninstall', '-y', 'x'\]/);
    expect(r.status).toBe(23);
  });
});

describe('no Node for pass-through', () => {
  it('runs python3 -c, pip --version and other read-only calls with a bogus node and no node on PATH', () => {
    const w = shellWorld([]);
    const dir = join(w.root, 'bogus-shims');
    mkdirSync(dir);
    writeExecutable(join(dir, SHIM_DIR_MARKER), '');
    for (const name of ['pip', 'pip3', 'python3']) {
      const kind = name.startsWith('pip') ? 'pip' : 'python';
      const text = renderShim({
        kind,
        name,
        shimDir: dir,
        node: '/nonexistent/node',
        main: '/nonexistent/main.js',
        version: '0.0.0-test',
      });
      writeExecutable(join(dir, name), text);
    }
    // Only the shims and the venv's bin: no node, not even coreutils.
    const env = w.env({ PATH: `${dir}:${join(w.sys, 'bin')}` });
    for (const argv of [
      ['python3', '-c', 'pass'],
      ['python3', '-I', '-c', 'import sys; print(sys.prefix)'],
      ['python3', '-m', 'pip', '--version'],
      ['pip', '--version'],
      ['pip3', 'list'],
      ['pip', 'show', 'pip'],
      ['pip', 'help'],
    ]) {
      const r = runCommand([join(dir, argv[0]!), ...argv.slice(1)], { env });
      expect({ argv, status: r.status, stderr: r.stderr }).toEqual({ argv, status: 0, stderr: '' });
    }
    // The same shim does need Node for an install, which shows the path above never tried it.
    const r = runCommand([join(dir, 'pip'), 'install', 'x'], { env });
    expect(r.status).toBe(127);
    expect(r.stderr).toMatch(/cannot start pipwarden: \/nonexistent\/node/);
  });
});
