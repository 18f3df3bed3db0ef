import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shQuote } from '../../src/core/render/quote.js';
import { MAIN } from '../helpers/cli.js';
import { sitePackages } from '../helpers/venv.js';
import { fastVenv } from './support/fast-venv.js';
import { TRICKY } from './support/tricky-args.js';
import { basePython, type ShellWorld, shellWorld } from './support/world.js';

// Issue 6, defect 2: every argument pipwarden does not rewrite reaches pip
// byte for byte, through each shim, on the shim's own pass-through, the
// engine's pass plan and the engine's rewrite plan. The "pip" here is the
// real venv's, stopped at start-up by a sitecustomize that writes
// sys.orig_argv (bytes, via os.fsencode) and exits.

const DUMP = `import os, sys
out = os.environ.get("ARGV_OUT")
a = getattr(sys, "orig_argv", [])
if out and len(a) > 1 and (os.path.basename(a[1]).startswith("pip") or a[1:3] == ["-m", "pip"]):
    with open(out, "wb") as f:
        f.write(b"\\0".join(os.fsencode(x) for x in a))
    os._exit(0)
`;

const B = (s: string) => Buffer.from(s, 'utf8');

/**
 * A sh script (ASCII text, so no decoding on the way) that builds the args
 * byte for byte with printf and execs `argv0 pre... args...`.
 */
function driver(argv0: string, pre: string[], args: Buffer[]): string {
  const lines: string[] = [];
  const words = [argv0, ...pre].map(shQuote);
  args.forEach((a, i) => {
    if ([...a].every((c) => c >= 0x20 && c < 0x7f)) {
      words.push(shQuote(a.toString('latin1')));
    } else {
      const oct = [...a].map((c) => `\\${c.toString(8).padStart(3, '0')}`).join('');
      lines.push(`_a${i}=$(printf '${oct}x')`);
      words.push(`"\${_a${i}%x}"`);
    }
  });
  lines.push(`exec ${words.join(' ')}`);
  return `${lines.join('\n')}\n`;
}

let w: ShellWorld;
let other: string;
function setup(): void {
  w = shellWorld([]);
  other = fastVenv(basePython(), join(w.root, 'other'));
  for (const prefix of [w.sys, other])
    writeFileSync(join(sitePackages(prefix), 'sitecustomize.py'), DUMP);
}

function received(
  shim: string,
  pre: string[],
  args: Buffer[],
  env: Record<string, string | undefined>,
) {
  const out = join(w.root, `argv-${Math.random().toString(36).slice(2)}`);
  const script = join(w.root, 'driver.sh');
  writeFileSync(script, driver(shim.startsWith('/') ? shim : join(w.shims, shim), pre, args));
  const r = spawnSync('/bin/sh', [script], {
    env: w.env({ ARGV_OUT: out, ...env }),
    cwd: w.root,
    encoding: 'utf8',
  });
  if (!existsSync(out)) throw new Error(`pip did not run: ${r.status} ${r.stderr}`);
  const parts = readFileSync(out);
  const argv: Buffer[] = [];
  let start = 0;
  for (let i = 0; i <= parts.length; i++) {
    if (i === parts.length || parts[i] === 0) {
      argv.push(parts.subarray(start, i));
      start = i + 1;
    }
  }
  return { argv, stderr: r.stderr };
}

const hex = (bufs: Buffer[]) => bufs.map((b) => b.toString('hex'));

const PATHS = [
  { path: 'shim pass-through', sub: 'show', venv: () => w.sys, exe: () => w.sys },
  { path: 'engine pass plan', sub: 'install', venv: () => w.sys, exe: () => w.sys },
  {
    path: 'engine rewrite plan (foreign env → its own pip)',
    sub: 'install',
    venv: () => other,
    exe: () => other,
  },
];

describe('argv bytes reach pip unchanged', () => {
  for (const p of PATHS) {
    for (const shim of ['pip', 'python3'] as const) {
      const pre = shim === 'pip' ? [] : ['-m', 'pip'];
      it(`${p.path}, ${shim}${pre.length ? ' -m pip' : ''}: quotes, !, ~, $(), backslashes, newlines, '', non-UTF-8`, () => {
        setup();
        setup();
        const args = [B(p.sub), ...TRICKY];
        const { argv, stderr } = received(shim, pre, args, { VIRTUAL_ENV: p.venv() });
        expect(hex(argv.slice(-args.length))).toEqual(hex(args));
        // …and it was the pip of the env the path names.
        expect(argv[0]?.toString()).toMatch(new RegExp(`^${join(p.exe(), 'bin', 'python')}3?$`));
        if (p.path.startsWith('engine rewrite')) expect(stderr).toContain('with its own pip');
      });
    }
  }

  for (const p of PATHS.slice(1)) {
    it(`pipwarden run, ${p.path}: the same bytes, non-UTF-8 included`, () => {
      setup();
      const args = [B(p.sub), ...TRICKY];
      const { argv } = received(
        process.execPath,
        [MAIN, 'run', '--', join(w.sys, 'bin', 'pip')],
        args,
        {
          VIRTUAL_ENV: p.venv(),
        },
      );
      expect(hex(argv.slice(-args.length))).toEqual(hex(args));
      expect(argv[0]?.toString()).toBe(join(p.exe(), 'bin', 'python'));
    });
  }

  it('5,000 arguments, through the engine rewrite plan', () => {
    setup();
    setup();
    const args = [B('install'), ...Array.from({ length: 5000 }, (_, i) => B(`arg-${i}'!~`))];
    const { argv } = received('pip', [], args, { VIRTUAL_ENV: other });
    expect(argv.length - 2).toBe(args.length);
    expect(hex(argv.slice(2))).toEqual(hex(args));
  });
});
