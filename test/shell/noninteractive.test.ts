import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/cli.js';
import { installedIn } from '../helpers/venv.js';
import { shellWorld } from './support/world.js';

// Scripts, not people: `bash -c` and `sh -c` with the shim dir on PATH (as a
// script started from an initialised shell inherits it), against the real
// engine, real pip and real venvs.

describe.each(['bash', 'sh'])('non-interactive %s -c', (shell) => {
  it('routes pip install and python3 -m pip install through the shims', () => {
    const w = shellWorld(['pwone', 'pwtwo']);
    const script = [
      'command -v pip',
      'command -v python3',
      `pip ${w.installArgs('pwone')}`,
      `python3 -m pip ${w.installArgs('pwtwo')}`,
    ].join(' && ');
    const r = runCommand([`/bin/${shell}`, '-c', script], { env: w.env(), cwd: w.root });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${w.shims}/pip\n${w.shims}/python3\n`);
    expect(r.stdout).toMatch(/Successfully installed pwone-0\.1/);
    expect(r.stdout).toMatch(/Successfully installed pwtwo-0\.1/);
    expect(installedIn(w.sys, 'pwone')).toBe(true);
    expect(installedIn(w.sys, 'pwtwo')).toBe(true);
  });
});

describe('engine answers through a shim', () => {
  it("passes pip's own failure status on unchanged", () => {
    const w = shellWorld([]);
    const r = runCommand(['/bin/sh', '-c', `pip ${w.installArgs('not-there')}`], {
      env: w.env(),
      cwd: w.root,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/No matching distribution found for not-there/);
  });

  it('stops with the engine status on a broken config, runs no pip, and PIPWARDEN_DISABLE=1 bypasses it', () => {
    const w = shellWorld(['pwcfg']);
    mkdirSync(join(w.home, '.config', 'pipwarden'), { recursive: true });
    writeFileSync(join(w.home, '.config', 'pipwarden', 'config.yaml'), 'onNotWritable: usr\n');
    const cmd = `pip ${w.installArgs('pwcfg')}`;
    let r = runCommand(['/bin/sh', '-c', cmd], { env: w.env(), cwd: w.root });
    expect(r.status).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/config\.yaml: onNotWritable: .*"usr"/);
    expect(installedIn(w.sys, 'pwcfg')).toBe(false);
    // Read-only calls never ask the engine, so a broken config cannot get in their way.
    r = runCommand(['/bin/sh', '-c', 'pip list && python3 -m pip --version'], {
      env: w.env(),
      cwd: w.root,
    });
    expect(r.status).toBe(0);
    r = runCommand(['/bin/sh', '-c', cmd], { env: w.env({ PIPWARDEN_DISABLE: '1' }), cwd: w.root });
    expect(r.status).toBe(0);
    expect(installedIn(w.sys, 'pwcfg')).toBe(true);
  });

  it("keeps pip's completion protocol working (PIP_AUTO_COMPLETE) with no output of ours", () => {
    const w = shellWorld([]);
    const env = w.env({ PIP_AUTO_COMPLETE: '1', COMP_WORDS: 'pip ins', COMP_CWORD: '1' });
    // A bogus config proves no engine ran: it would have failed with 78.
    mkdirSync(join(w.home, '.config', 'pipwarden'), { recursive: true });
    writeFileSync(join(w.home, '.config', 'pipwarden', 'config.yaml'), 'onNotWritable: usr\n');
    const r = runCommand(['/bin/sh', '-c', 'pip'], { env, cwd: w.root });
    expect(r.status).toBe(1); // pip's completion exits 1 after printing
    expect(r.stdout.split(/\s+/)).toContain('install');
    expect(r.stderr).toBe('');
  });
});
