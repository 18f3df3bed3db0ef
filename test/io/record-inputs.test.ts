import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDir } from '../../src/io/fs-checks.js';
import { startRecording } from '../../src/io/plan-cache/record-inputs.js';
import { envNamesStartingWith } from '../../src/io/read-hints.js';
import { tempDir } from '../helpers/tmp.js';

// The recorder sees what a decision reads through node:fs, whether the
// reader imported named functions, the namespace or the promises API, and
// takes each path's state before the first look.

describe('startRecording', () => {
  it('records reads through named imports, the namespace and the promises API', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a'), 'a');
    writeFileSync(join(dir, 'b'), 'b');
    mkdirSync(join(dir, 'd'));
    const r = startRecording({}, dir);
    readFileSync(join(dir, 'a'));
    await readFile(join(dir, 'b'));
    existsSync(join(dir, 'missing'));
    fs.readdirSync(join(dir, 'd'));
    statSync(join(dir, 'a'));
    const inputs = r.stop();
    expect([...inputs.paths.keys()].sort()).toEqual(
      ['a', 'b', 'd', 'missing'].map((n) => join(dir, n)),
    );
    expect(inputs.paths.get(join(dir, 'a'))).toMatchObject({ kind: 'file', readable: true });
    expect(inputs.paths.get(join(dir, 'd'))?.kind).toBe('dir');
    expect(inputs.paths.get(join(dir, 'missing'))?.kind).toBe('missing');
    expect(inputs.spoilt).toEqual([]);
  });

  it('keeps of each path what the call depends on: existence, contents, or where it leads', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    fs.symlinkSync(join(dir, 'real'), join(dir, 'link'));
    writeFileSync(join(dir, 'e'), 'x');
    writeFileSync(join(dir, 's'), 'x');
    mkdirSync(join(dir, 'd'));
    const r = startRecording({}, dir);
    existsSync(join(dir, 'e'));
    isDir(join(dir, 'd')); // fs-checks asks only what it is: a stat without its mtime
    statSync(join(dir, 's'));
    fs.realpathSync(join(dir, 'link'));
    expect(() => fs.realpathSync.native(join(dir, 'n'))).toThrow(/ENOENT/);
    const inputs = r.stop();
    expect(inputs.paths.get(join(dir, 'e'))?.mtimeNs).toBeUndefined();
    expect(inputs.paths.get(join(dir, 'n'))?.kind).toBe('missing');
    expect(inputs.paths.get(join(dir, 'd'))).toMatchObject({ kind: 'dir', writable: true });
    expect(inputs.paths.get(join(dir, 'd'))?.mtimeNs).toBeUndefined();
    expect(inputs.paths.get(join(dir, 's'))?.mtimeNs).toBeTypeOf('bigint');
    const link = inputs.paths.get(join(dir, 'link'));
    expect(link).toMatchObject({ link: true, target: join(dir, 'real') });
    expect(link?.mtimeNs).toBeUndefined();
    // Every directory on the way is a step: still a directory, not a link.
    expect(inputs.paths.get(dir)).toMatchObject({ kind: 'dir', link: false, step: true });
    expect(inputs.paths.get(join(dir, 'real'))).toMatchObject({ kind: 'dir', step: true });
  });

  it('keeps the state from before the first look, not a later one', () => {
    const dir = tempDir();
    const f = join(dir, 'f');
    writeFileSync(f, 'one');
    const before = statSync(f, { bigint: true }).mtimeNs;
    const r = startRecording({}, dir);
    readFileSync(f);
    const inputs = r.stop();
    fs.utimesSync(f, 1, 1);
    expect(inputs.paths.get(f)?.mtimeNs).toBe(before);
  });

  it('records variables read, and a prefix listed as one input', () => {
    const r = startRecording({ PIP_USER: '1', PIP_user: '0', HOME: '/h', OTHER: 'x' }, '/');
    expect(r.env.HOME).toBe('/h');
    expect('NOPE' in r.env).toBe(false);
    expect(envNamesStartingWith(r.env, 'PIP_').sort()).toEqual(['PIP_USER', 'PIP_user']);
    const inputs = r.stop();
    expect(Object.fromEntries(inputs.vars)).toEqual({
      HOME: '/h',
      NOPE: undefined,
      PIP_USER: '1',
      PIP_user: '0',
    });
    expect(inputs.prefixes.get('PIP_')?.sort()).toEqual(['PIP_USER', 'PIP_user']);
    expect(inputs.spoilt).toEqual([]);
  });

  it('marks a decision that writes, spawns or lists every variable as not replayable', () => {
    const dir = tempDir();
    const r = startRecording({ A: '1' }, dir);
    writeFileSync(join(dir, 'w'), 'x');
    execFileSync('true');
    Object.keys(r.env);
    const inputs = r.stop();
    expect(inputs.spoilt).toEqual([
      'it called fs.writeFileSync',
      'it ran true',
      'it listed the whole environment',
    ]);
  });

  it('puts node:fs, node:child_process and process.env back when it stops', () => {
    const { statSync: before } = fs;
    const env = process.env;
    const r = startRecording({}, '/');
    expect(fs.statSync).not.toBe(before);
    expect(process.env).not.toBe(env);
    r.stop();
    expect(fs.statSync).toBe(before);
    expect(process.env).toBe(env);
    expect(statSync).toBe(before);
  });
});
