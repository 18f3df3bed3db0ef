import { describe, expect, it } from 'vitest';
import { toolOf } from '../call.js';
import { parseShimBaked, parseShimStamp, renderShim, SHIM_FORMAT, type ShimSpec } from './shim.js';

const EXAMPLE: Omit<ShimSpec, 'kind' | 'name'> = {
  shimDir: '/home/me/.local/share/pipwarden/shims',
  node: '/usr/bin/node',
  main: '/home/me/pipwarden/dist/cli/main.js',
  version: '0.1.0',
};

describe('renderShim', () => {
  // shims/*.sh are the readable reference for reviewers and are shellchecked
  // by test/shell/lint.test.ts; `npx vitest run -u` refreshes them.
  it.each([
    ['pip', 'pip'],
    ['python', 'python3'],
  ] as const)('renders the %s shim as in shims/', async (kind, name) => {
    await expect(renderShim({ ...EXAMPLE, kind, name })).toMatchFileSnapshot(
      `../../../shims/${kind}.sh`,
    );
  });

  it.each([
    ["/tmp/it's here", `_pw_shims='/tmp/it'\\''s here'`],
    ['/tmp/$HOME `x` "y"', `_pw_shims='/tmp/$HOME \`x\` "y"'`],
    ['/tmp/a\nb', `_pw_shims='/tmp/a\nb'`],
  ])('quotes the shim dir %j', (shimDir, line) => {
    expect(renderShim({ ...EXAMPLE, shimDir, kind: 'pip', name: 'pip' })).toContain(`${line}\n`);
  });

  it('refuses a name that is not a plain command name', () => {
    expect(() => renderShim({ ...EXAMPLE, kind: 'pip', name: 'pip;rm' })).toThrow(/plain command/);
  });

  it('stamps format, version, kind and name, and reads them back', () => {
    const text = renderShim({ ...EXAMPLE, kind: 'python', name: 'python3.12' });
    expect(parseShimStamp(text)).toEqual({
      format: SHIM_FORMAT,
      version: '0.1.0',
      kind: 'python',
      name: 'python3.12',
    });
    expect(parseShimStamp('#!/bin/sh\necho hi\n')).toBeNull();
    expect(parseShimStamp(`#!/usr/bin/env python\n${text}`)).toBeNull();
  });
});

// One answer for the engine and for rehash (src/core/call.ts once took pip2
// while no shim was written for it): 3.x and the bare names only.
describe('toolOf: which names get a shim', () => {
  it.each([
    ['pip', 'pip'],
    ['pip3', 'pip'],
    ['pip3.12', 'pip'],
    ['python', 'python'],
    ['python3', 'python'],
    ['python3.13', 'python'],
    ['pip2', null],
    ['pip2.7', null],
    ['python2.7', null],
    ['/usr/bin/pip3.11', 'pip'],
    ['pip4', null],
    ['pip10', null],
    ['python3.', null],
    ['python3.12-config', null],
    ['pipx', null],
    ['python3-gdb.py', null],
  ])('%s → %s', (name, kind) => {
    expect(toolOf(name)).toBe(kind);
  });
});

describe('parseShimBaked', () => {
  it.each([
    ['/usr/bin/node', '/opt/pw/dist/cli/main.js'],
    ["/o'dd/node", '/sp ace/main.js'],
  ])('reads back %s and %s as renderShim wrote them', (node, main) => {
    const text = renderShim({
      kind: 'pip',
      name: 'pip',
      shimDir: '/s',
      node,
      main,
      version: '1.0.0',
    });
    expect(parseShimBaked(text)).toEqual({ node, main });
  });

  it('gives nulls for text that is not a shim', () => {
    expect(parseShimBaked('#!/bin/sh\nexec pip "$@"\n')).toEqual({ node: null, main: null });
  });
});
