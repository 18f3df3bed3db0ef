import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findOnPath } from '../../src/io/interpreter/which.js';
import { tempDir } from '../helpers/tmp.js';

function exe(dir: string, name: string, mode = 0o755): string {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, name);
  writeFileSync(p, '#!/bin/sh\n');
  chmodSync(p, mode);
  return p;
}

describe('findOnPath', () => {
  test('skips excluded dirs, their symlinks and duplicates; takes the first real one', () => {
    const t = tempDir();
    const shims = join(t, 'shims');
    exe(shims, 'pip');
    symlinkSync(shims, join(t, 'shims-link'));
    const real = exe(join(t, 'real'), 'pip');
    exe(join(t, 'later'), 'pip');
    const path = [
      join(t, 'shims-link'),
      shims,
      `${shims}/`,
      join(t, 'real'),
      join(t, 'later'),
    ].join(':');
    expect(findOnPath('pip', path, { exclude: [shims] })).toBe(real);
    // Excluding through the symlink excludes the dir itself too.
    expect(findOnPath('pip', path, { exclude: [join(t, 'shims-link')] })).toBe(real);
  });

  test('needs an executable regular file', () => {
    const t = tempDir();
    exe(join(t, 'a'), 'pip', 0o644);
    mkdirSync(join(t, 'b', 'pip'), { recursive: true });
    const c = exe(join(t, 'c'), 'pip');
    const path = ['a', 'b', 'c'].map((d) => join(t, d)).join(':');
    expect(findOnPath('pip', path, { exclude: [] })).toBe(c);
  });

  test('a symlinked executable is returned as found, not resolved', () => {
    const t = tempDir();
    const target = exe(join(t, 'store'), 'python3.12');
    mkdirSync(join(t, 'bin'));
    symlinkSync(target, join(t, 'bin', 'python3'));
    expect(findOnPath('python3', join(t, 'bin'), { exclude: [] })).toBe(join(t, 'bin', 'python3'));
  });

  test('relative and empty entries are relative to cwd, as in execvp', () => {
    const t = tempDir();
    const here = exe(t, 'pip');
    const rel = exe(join(t, 'rel'), 'pip3');
    expect(findOnPath('pip', ':/nonexistent', { exclude: [], cwd: t })).toBe(here);
    expect(findOnPath('pip3', 'rel', { exclude: [], cwd: t })).toBe(rel);
    expect(findOnPath('pip', '/nonexistent', { exclude: [], cwd: t })).toBeNull();
  });
});
