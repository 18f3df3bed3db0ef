import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRecording } from '../../src/io/plan-cache/record-inputs.js';
import { askingWhatItIs, envNamesStartingWith, onlyWhatItIs } from '../../src/io/read-hints.js';
import { tempDir } from '../helpers/tmp.js';

// read-hints.ts is the one place io readers meet the plan cache's recorder:
// plain outside a recording, narrowing what it keeps inside one.

describe('read hints, outside a recording', () => {
  it('askingWhatItIs returns the answer and marks only its own extent', () => {
    expect(onlyWhatItIs()).toBe(false);
    expect(askingWhatItIs(() => onlyWhatItIs())).toBe(true);
    expect(askingWhatItIs(() => askingWhatItIs(() => 42))).toBe(42);
    expect(() =>
      askingWhatItIs(() => {
        throw new Error('x');
      }),
    ).toThrow('x');
    expect(onlyWhatItIs()).toBe(false);
  });

  it('envNamesStartingWith lists a plain env by prefix, case-sensitive', () => {
    expect(envNamesStartingWith({ PIP_USER: '1', pip_x: '2', HOME: '/h' }, 'PIP_')).toEqual([
      'PIP_USER',
    ]);
  });
});

describe('read hints, inside a recording', () => {
  it('a stat asked through askingWhatItIs is kept without its mtime; a plain one with it', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'what'));
    mkdirSync(join(dir, 'full'));
    const r = startRecording({}, dir);
    askingWhatItIs(() => statSync(join(dir, 'what')));
    statSync(join(dir, 'full'));
    const inputs = r.stop();
    expect(inputs.paths.get(join(dir, 'what'))).toMatchObject({ kind: 'dir' });
    expect(inputs.paths.get(join(dir, 'what'))?.mtimeNs).toBeUndefined();
    expect(inputs.paths.get(join(dir, 'full'))?.mtimeNs).toBeTypeOf('bigint');
  });

  it('a prefix listed through envNamesStartingWith is one input; Object.keys spoils', () => {
    const r = startRecording({ PIP_A: '1', OTHER: '2' }, '/');
    expect(envNamesStartingWith(r.env, 'PIP_')).toEqual(['PIP_A']);
    const listed = r.stop();
    expect(listed.prefixes.get('PIP_')).toEqual(['PIP_A']);
    expect(listed.spoilt).toEqual([]);
    const s = startRecording({ PIP_A: '1' }, '/');
    Object.keys(s.env).filter((k) => k.startsWith('PIP_'));
    expect(s.stop().spoilt).toEqual(['it listed the whole environment']);
  });
});
