import { describe, expect, it } from 'vitest';
import { decideArgv, factsOf, interpAt } from '../../../test/helpers/core-facts.js';
import { noPipSettings } from '../facts.js';

// onUserWithLocation: user mode from PIP_USER or pip.conf, a --target or
// --prefix typed on this command line. The real-pip side is in
// test/engine/user-with-location.test.ts.
const PIP_USER = { value: true, source: { kind: 'env', where: 'PIP_USER' } } as const;
const withUser = (over: Partial<ReturnType<typeof noPipSettings>> = {}) =>
  factsOf(interpAt('/usr/local'), {
    pipSettings: { ...noPipSettings(), user: PIP_USER, userVars: ['PIP_USER'], ...over },
  });

describe('decide: user mode from outside the command line meets a typed location', () => {
  it.each([
    ['--target', ['pip', 'install', '--target', '/t', 'x']],
    ['--prefix=', ['pip', 'install', '--prefix=/p', 'x']],
    ['-t', ['pip', 'install', '-t/t', 'x']],
  ])('%s: user mode off through PIP_USER=0, the location kept', (_, argv) => {
    const d = decideArgv(argv, withUser());
    if (d.action !== 'rewrite') throw new Error(`expected a rewrite, got ${d.action}`);
    expect(d.env.set).toEqual({ PIP_USER: '0' });
    expect(d.command.slice(1)).toEqual(argv.slice(1));
    expect(d.reasons.map((r) => r.why.kind)).toEqual(['user-off-for-location']);
  });

  it.each([
    ['--user typed beside it', ['pip', 'install', '--user', '--target', '/t', 'x'], withUser()],
    [
      '--root, which pip combines with user mode',
      ['pip', 'install', '--root', '/r', 'x'],
      withUser(),
    ],
    [
      'the location from PIP_TARGET too',
      ['pip', 'install', 'x'],
      withUser({ target: { value: '/t', source: { kind: 'env', where: 'PIP_TARGET' } } }),
    ],
    ['download, which has no user mode', ['pip', 'download', '-d', '/d', 'x'], withUser()],
    ['no user mode', ['pip', 'install', '--target', '/t', 'x'], factsOf(interpAt('/usr/local'))],
  ])('left to pip: %s', (_, argv, f) => {
    expect(decideArgv(argv, f).action).toBe('pass');
  });

  it('onUserWithLocation: pip leaves the pair to pip', () => {
    const argv = ['pip', 'install', '--target', '/t', 'x'];
    const d = decideArgv(argv, withUser(), {
      onUserWithLocation: { action: 'pip', message: null },
    });
    expect(d.action).toBe('pass');
  });
});
