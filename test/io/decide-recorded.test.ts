import * as fs from 'node:fs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decideRecorded } from '../../src/io/plan-cache/decide-recorded.js';
import { tempDir } from '../helpers/tmp.js';

function sink() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('decideRecorded: the one door to plan-cache recording', () => {
  it('returns the value, what the decision read and what it printed', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'f'), 'x');
    const err = sink();
    const ctx = { env: { A: '1', HOME: '/h' }, cwd: dir, home: '/h', stderr: err.stream };
    const { value, inputs, stderr } = await decideRecorded(ctx, async (d) => {
      d.stderr.write('pipwarden: a notice\n');
      readFileSync(join(d.cwd, 'f'));
      return d.env.A;
    });
    expect(value).toBe('1');
    expect(Object.fromEntries(inputs.vars)).toEqual({ A: '1', HOME: '/h' });
    expect(inputs.paths.has(join(dir, 'f'))).toBe(true);
    expect(stderr).toBe('pipwarden: a notice\n');
    expect(err.text()).toBe('pipwarden: a notice\n');
  });

  it('puts node:fs and process.env back also when the decision throws', async () => {
    const { statSync: before } = fs;
    const env = process.env;
    const ctx = { env: {}, cwd: '/', stderr: sink().stream };
    await expect(
      decideRecorded(ctx, async () => {
        expect(fs.statSync).not.toBe(before);
        throw new Error('broken org config');
      }),
    ).rejects.toThrow('broken org config');
    expect(fs.statSync).toBe(before);
    expect(process.env).toBe(env);
  });
});
