import { describe, expect, it } from 'vitest';
import { globMatcher, globProblem } from './glob.js';

describe('glob semantics', () => {
  const cases: [string, string, boolean][] = [
    ['/srv/**', '/srv/a/b', true],
    ['/srv/**', '/srv/', true],
    ['/srv/*', '/srv/a/b', false],
    ['/srv/*', '/srv/a', true],
    ['/srv/**/x', '/srv/x', true],
    ['/srv/**/x', '/srv/a/b/x', true],
    ['/srv/**/x', '/srvx', false],
    ['/home/*/work/**', '/home/ada/work/x', true],
    ['django*', 'django-rest', true],
    ['django?', 'django/', false],
    ['{numpy,scipy}', 'scipy', true],
    ['{numpy,scipy}', 'numscipy', false],
    ['{a,{b,c}d}', 'cd', true],
    ['{a,{b,c}d}', 'c', false],
    ['x{,y}', 'x', true],
    ['[ab]*', 'cd', false],
    ['[a-c]x', 'bx', true],
    ['[!a-c]x', 'bx', false],
    ['[!a-c]x', 'dx', true],
    ['a.b', 'axb', false],
    ['a+b', 'a+b', true],
    ['a}b', 'a}b', true],
    ['a,b', 'a,b', true],
    ['https://pypi.org/simple{,/}', 'https://pypi.org/simple/', true],
  ];
  it.each(cases)('%s ~ %s is %s', (g, v, want) => {
    expect(globMatcher(g)(v)).toBe(want);
  });
  it('names the problem of a broken glob', () => {
    expect(globProblem('/srv/[abc')).toBe('unclosed "[" at character 6');
    expect(globProblem('{a,b')).toBe('unclosed "{"');
    expect(globProblem('')).toBe('an empty glob matches nothing');
    expect(globProblem('/srv/**')).toBeNull();
  });
});

// Issue 16, defect 8: the RegExp these globs used to compile to backtracked
// exponentially; `/` + `**?` × 12 + `x` against 30 characters did not finish
// in 10 s. The automaton is O(glob × value), so each case is milliseconds.
describe('adversarial globs match in linear time', () => {
  const long = `/${'a'.repeat(3000)}`;
  const cases: [string, string][] = [
    [`/${'**?'.repeat(100)}x`, long],
    [`/${'*?'.repeat(200)}x`, long],
    [`${'**'.repeat(300)}/x`, `${'a/'.repeat(2500)}y`],
    [`/${'{a,a*}'.repeat(100)}x`, long],
    [`/${'{{{a,*},*},?}'.repeat(100)}b`, long],
    [`/${'[a-z]*'.repeat(150)}!`, long],
    [`${'**/'.repeat(200)}z`, `${'a/'.repeat(2500)}y`],
  ];
  it.each(cases.map(([g, v], k) => [k, g, v]))('case %i', (_k, g, v) => {
    const started = performance.now();
    expect(globMatcher(g as string)(v as string)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
  it('still matches what the long globs describe', () => {
    expect(globMatcher(`/${'**?'.repeat(50)}x`)(`/${'a'.repeat(60)}x`)).toBe(true);
    expect(globMatcher(`/${'**?'.repeat(50)}x`)(`/${'a'.repeat(40)}x`)).toBe(false);
  });
});
