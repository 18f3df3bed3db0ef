import { describe, expect, it } from 'vitest';
import { cannotText } from '../render/reasons.js';
import { parseRelease } from '../version.js';
import { cannotTarget, pipMisfit, satisfies } from './pip-fits.js';

describe('satisfies: Requires-Python lines of real pips', () => {
  it.each([
    ['3.7', '>=3.7', true],
    ['3.7.16', '>=3.8', false],
    ['2.7.18', '>=2.7,!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*,!=3.4.*', true],
    ['3.4.10', '>=2.7,!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*,!=3.4.*', false],
    ['3.10', '>=3.9', true],
    ['3.9', '>=3.10', false],
    ['3.12', '<3.12', false],
    ['3.11.7', '~=3.11', true],
    ['4.0', '~=3.11', false],
    ['3.12', '==3.12.*', true],
    ['3.12', 'nonsense', true],
  ])('%s against %s: %s', (version, spec, want) => {
    expect(satisfies(parseRelease(version) ?? [], spec)).toBe(want);
  });
});

describe('pipMisfit and cannotTarget: the pips the machine ships', () => {
  it.each([
    // pip, Requires-Python, target, fits
    ['23.0.1', '>=3.7', '3.13', false],
    ['23.0.1', '>=3.7', '3.12', false],
    ['23.0.1', '>=3.7', '3.11', true],
    ['23.2.1', '>=3.7', '3.13', true],
    ['24.2', '>=3.8', '3.7', false],
    ['24.2', '>=3.8', '3.8', true],
    ['26.2.1', '>=3.10', '3.9', false],
    ['24.2', null, null, true],
  ])('pip %s (%s) under %s: %s', (version, requiresPython, target, want) => {
    expect(pipMisfit({ version, requiresPython }, target) === null).toBe(want);
  });

  it('says why as a value, and the renderer names the pip', () => {
    const text = (pip: Parameters<typeof cannotTarget>[0], target: string) => {
      const c = cannotTarget(pip, target);
      return c === null ? null : cannotText(c);
    };
    expect(cannotTarget({ version: '22.0.4' }, '3.12')?.why.kind).toBe('no-python-option');
    expect(text({ version: '22.0.4' }, '3.12')).toMatch(/pip 22\.0\.4 is older than 22\.3/);
    expect(text({ version: '24.2', requiresPython: '>=3.8' }, '3.7')).toBe(
      'pip 24.2 requires Python >=3.8 and cannot run under Python 3.7',
    );
    expect(text({ version: '23.0.1', requiresPython: '>=3.7' }, '3.13')).toMatch(
      /older than 23\.2, so it cannot run under Python 3\.13/,
    );
    expect(cannotTarget({ version: '23.2.1', requiresPython: '>=3.7' }, '3.13')).toBeNull();
  });
});
