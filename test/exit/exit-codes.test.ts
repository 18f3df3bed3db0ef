import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN } from '../helpers/cli.js';
import { shellWorld } from '../shell/support/world.js';
import { fakePython, sweep } from './support.js';

const ALL = Array.from({ length: 256 }, (_, i) => i);
/**
 * Every code with a meaning (pip's 0–4 and 23, pipwarden's own, the shell's
 * 126/127, 128+n for common signals, 255) plus every 8th: for the second
 * spelling of the engine path, whose exec is the same text as the first's.
 */
const SAMPLE = [
  ...new Set([
    ...[
      0, 1, 2, 3, 4, 23, 64, 69, 70, 74, 77, 78, 125, 126, 127, 128, 129, 130, 137, 141, 143, 255,
    ],
    ...ALL.filter((n) => n % 8 === 5),
  ]),
];

function setup() {
  const w = shellWorld([]);
  const fake = fakePython(join(w.root, 'fake'), join(w.sys, 'bin', 'python'));
  // The fake's probe answers for the "system" venv, which is also the active
  // env: the plan is a plain exec, so only the exit status is under test.
  const env = w.env({ PATH: w.path(fake), VIRTUAL_ENV: w.sys });
  return { w, fake, env };
}

describe('exit codes 0–255 pass unchanged', () => {
  it('through every pip shim and python -m pip on the pass-through path (no Node)', async () => {
    const { env } = setup();
    for (const cmd of ['pip show', 'pip3 show', 'pip3.12 show', 'python3 -m pip show']) {
      expect({ cmd, wrong: await sweep(cmd, ALL, env) }).toEqual({ cmd, wrong: [] });
    }
  }, 120_000);

  it('through pip and python -m pip on the engine path (plan from Node, then exec)', async () => {
    const { env } = setup();
    expect(await sweep('pip install', ALL, env)).toEqual([]);
    expect(await sweep('python3 -m pip install', SAMPLE, env)).toEqual([]);
  }, 600_000);

  it('through pipwarden run', async () => {
    const { env } = setup();
    const cmd = `'${process.execPath}' '${MAIN}' run -- pip install`;
    expect(await sweep(cmd, ALL, env)).toEqual([]);
  }, 600_000);
});
