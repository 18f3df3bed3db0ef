import { describe, expect, it } from 'vitest';
import { needs, onCi } from '../helpers/prereq.js';

describe('needs(): a missing prerequisite fails CI and skips locally with its reason', () => {
  it('present: no skip, nothing printed, CI or not', () => {
    const lines: string[] = [];
    expect(needs('strace', '/usr/bin/strace', { CI: 'true' }, (l) => lines.push(l))).toBe(false);
    expect(needs('strace', true, {}, (l) => lines.push(l))).toBe(false);
    expect(lines).toEqual([]);
  });

  it.each(['true', '1'])('missing under CI=%s: throws, naming the prerequisite', (ci) => {
    expect(() => needs('pyenv Python 3.12', null, { CI: ci }, () => {})).toThrow(
      /^missing test prerequisite: pyenv Python 3\.12 \(CI=true fails rather than skip/,
    );
  });

  it('missing locally: skips and prints the reason once per name', () => {
    const lines: string[] = [];
    const print = (l: string) => lines.push(l);
    expect(needs('a tool only this test wants', false, {}, print)).toBe(true);
    expect(needs('a tool only this test wants', undefined, { CI: 'false' }, print)).toBe(true);
    expect(lines).toEqual([
      'skipped: a tool only this test wants is missing (under CI=true this fails)',
    ]);
  });

  it('CI is CI=true or CI=1; anything else is a local run', () => {
    expect(onCi({ CI: 'true' })).toBe(true);
    expect(onCi({ CI: '1' })).toBe(true);
    expect(onCi({ CI: 'false' })).toBe(false);
    expect(onCi({ CI: '' })).toBe(false);
    expect(onCi({})).toBe(false);
  });
});
