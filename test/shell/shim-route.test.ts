import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPipModule, parsePythonArgv } from '../../src/core/argv/parse-python.js';
import { GENERAL_OPTIONS } from '../../src/core/argv/pip-options.js';
import { fakeWorld } from './support/fake-shims.js';

// Which calls reach the engine. Each case runs the rendered shim under dash
// and bash with a fake engine and fake real commands, so this is the shim's
// own sh logic, fast. `engine` = the engine was asked; `pass` = the real
// command was exec'd with no engine (and so, for real, no Node).
type Route = 'engine' | 'pass';

const PIP_CASES: [string[], Route][] = [
  [[], 'pass'],
  [['--version'], 'pass'],
  [['-V'], 'pass'],
  [['-h', 'install', 'x'], 'pass'],
  [['--help'], 'pass'],
  [['-qV'], 'pass'],
  [['list'], 'pass'],
  [['show', 'x'], 'pass'],
  [['freeze'], 'pass'],
  [['help', 'install'], 'pass'],
  [['config', 'set', 'global.user', 'true'], 'pass'],
  [['check'], 'pass'],
  [['cache', 'purge'], 'pass'],
  [['debug'], 'pass'],
  [['inspect'], 'pass'],
  [['index', 'versions', 'x'], 'pass'],
  [['hash', 'x.whl'], 'pass'],
  [['search', 'x'], 'pass'],
  [['completion', '--bash'], 'pass'],
  [['-q', 'list'], 'pass'],
  [['-vvv', '--no-color', 'list'], 'pass'],
  // A value that looks like a subcommand is still the option's value.
  [['--log', 'install', 'list'], 'pass'],
  [['--proxy', 'http://p:3128', '--timeout', '5', 'freeze'], 'pass'],
  [['--log=install', '--cache-dir=/c', 'show', 'x'], 'pass'],
  [['--isolated', '--require-virtualenv', 'list'], 'pass'],
  [['--python', '/x/python', 'list'], 'pass'],
  [['install', 'x'], 'engine'],
  [['uninstall', '-y', 'x'], 'engine'],
  [['download', 'x', '-d', 'd'], 'engine'],
  [['wheel', 'x'], 'engine'],
  [['frobnicate'], 'engine'],
  [['INSTALL', 'x'], 'engine'],
  [['-q', 'install', 'x'], 'engine'],
  [['--log', 'list', 'install', 'x'], 'engine'],
  [['--python', '/x/python', 'install', 'x'], 'engine'],
  [['--python=/x/python', 'install', 'x'], 'engine'],
  [['--timeout', '5', '--retries', '1', 'uninstall', 'x'], 'engine'],
  [['--use-feature', 'truststore', 'install', 'x'], 'engine'],
  // optparse takes unambiguous abbreviations (--vers, --pyth): not modelled, so asked.
  [['--pyth', '/x/python', 'list'], 'engine'],
  [['--', 'install', 'x'], 'engine'],
  [['-x', 'list'], 'engine'],
  [['-qx', 'list'], 'engine'],
  [['--log'], 'engine'],
  [['-'], 'engine'],
];

const PYTHON_CASES: [string[], Route][] = [
  [[], 'pass'],
  [['script.py', '-m', 'pip', 'install', 'x'], 'pass'],
  [['-c', 'import pip', '-m', 'pip', 'install', 'x'], 'pass'],
  [['-Ic', 'pass', '-m', 'pip', 'install'], 'pass'],
  [['-m', 'venv', '.venv'], 'pass'],
  [['-mvenv', '.venv'], 'pass'],
  [['-m', 'pipx', 'install', 'x'], 'pass'],
  [['-m', 'pip.__main__', 'list'], 'pass'],
  // -S: no site-packages on sys.path, so python says "No module named pip"
  // (without /etc/pipwarden; test/config/policy-escapes.test.ts has the rest).
  [['-S', '-m', 'pip', 'install', 'x'], 'pass'],
  [['-ISm', 'pip', 'install', 'x'], 'pass'],
  [['-Sm', 'pip.__main__', 'install', 'x'], 'pass'],
  [['-m', 'pip', 'list'], 'pass'],
  [['-m', 'pip', '--version'], 'pass'],
  [['-m', 'pip'], 'pass'],
  [['-m'], 'pass'],
  [['-'], 'pass'],
  [['--', '-m', 'pip', 'install', 'x'], 'pass'],
  [['-V', '-m', 'pip', 'install', 'x'], 'pass'],
  [['--version'], 'pass'],
  [['-h'], 'pass'],
  [['--help-env', '-m', 'pip', 'install'], 'pass'],
  // -W and -X take the next word as their value, so `pip` is a script here.
  [['-W', '-m', 'pip', 'install', 'x'], 'pass'],
  [['-X', '-m', 'pip', 'install', 'x'], 'pass'],
  [['--check-hash-based-pycs', 'always', 'x.py'], 'pass'],
  [[''], 'pass'],
  [['-m', 'pip', 'install', 'x'], 'engine'],
  [['-mpip', 'install', 'x'], 'engine'],
  [['-Im', 'pip', 'install', 'x'], 'engine'],
  [['-Impip', 'install', 'x'], 'engine'],
  [['-I', '-E', '-s', '-u', '-B', '-O', '-m', 'pip', 'install', 'x'], 'engine'],
  [['-OO', '-bb', '-m', 'pip', 'uninstall', 'x'], 'engine'],
  [['-X', 'dev', '-m', 'pip', 'install', 'x'], 'engine'],
  [['-Xdev', '-Wignore', '-m', 'pip', 'install', 'x'], 'engine'],
  [['-W', 'ignore', '-Xutf8', '-m', 'pip', 'install', 'x'], 'engine'],
  [['--check-hash-based-pycs', 'never', '-m', 'pip', 'install', 'x'], 'engine'],
  [['-m', 'pip', '-q', 'install', 'x'], 'engine'],
  [['-m', 'pip', 'frob'], 'engine'],
  // runpy runs the same pip/__main__.py with the same argv.
  [['-m', 'pip.__main__', 'install', 'x'], 'engine'],
  [['-mpip.__main__', 'install', 'x'], 'engine'],
  // pip ≥ 22.3's __pip-runner__ run_module()s pip with the same argv.
  [['-m', 'pip.__pip-runner__', 'install', 'x'], 'engine'],
  [['-Pmpip.__pip-runner__', 'install', 'x'], 'engine'],
  [['-m', 'pip.__pip-runner__', 'list'], 'pass'],
  [['-s', '-m', 'pip', 'install', 'x'], 'engine'],
];

// Every general option of every pip release in the tables, as the parser knows it.
for (const [spellings, dest, takesValue] of GENERAL_OPTIONS) {
  if (dest === 'help' || dest === 'version') continue;
  for (const s of spellings.split(' ').filter((x) => x.startsWith('--'))) {
    const pre = takesValue === 1 ? [s, 'install'] : [s];
    PIP_CASES.push([[...pre, 'list'], 'pass'], [[...pre, 'install', 'x'], 'engine']);
    if (takesValue === 1) PIP_CASES.push([[`${s}=v`, 'show', 'x'], 'pass']);
  }
}

const SHELLS = ['/bin/sh', '/bin/bash'];

describe('the TypeScript model agrees with the python router', () => {
  it.each(PYTHON_CASES)('python %j → %s', (args, route) => {
    // The engine is only asked for pip calls, and every call the engine would see as pip is routed (or read-only).
    if (route === 'engine') expect(isPipModule(parsePythonArgv(args))).toBe(true);
    if (!isPipModule(parsePythonArgv(args))) expect(route).toBe('pass');
  });
});

describe.each(SHELLS)('shim routing under %s', (sh) => {
  const root = mkdtempSync(join(tmpdir(), 'pipwarden-route-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const w = fakeWorld(root);

  it.each(PIP_CASES)('pip %j → %s', (args, route) => {
    const r = w.run(join(w.shims, 'pip'), args, { sh });
    expect(r.status).toBe(0);
    expect(r.stderr.includes('ENGINE') ? 'engine' : 'pass').toBe(route);
    expect(r.stdout.split('\n').slice(1, -1)).toEqual(args.map((a) => `<${a}>`));
  });

  it.each(PYTHON_CASES)('python3 %j → %s', (args, route) => {
    const r = w.run(join(w.shims, 'python3'), args, { sh });
    expect(r.status).toBe(0);
    expect(r.stderr.includes('ENGINE') ? 'engine' : 'pass').toBe(route);
  });

  it('passes everything through in pip completion (PIP_AUTO_COMPLETE, COMP_WORDS, COMP_CWORD)', () => {
    const env = {
      PATH: `${w.shims}:${w.real}`,
      PIP_AUTO_COMPLETE: '1',
      COMP_WORDS: 'pip install',
      COMP_CWORD: '2',
    };
    expect(w.run(join(w.shims, 'pip'), ['install', 'x'], { sh, env }).stderr).toBe('');
    expect(w.run(join(w.shims, 'python3'), ['-m', 'pip', 'install'], { sh, env }).stderr).toBe('');
  });

  // pip ≥ 24 ignores PIP_AUTO_COMPLETE without COMP_WORDS and COMP_CWORD and
  // installs as usual (pip/_internal/cli/autocompletion.py): no way around the engine.
  it.each([
    [{ PIP_AUTO_COMPLETE: '1' }],
    [{ PIP_AUTO_COMPLETE: '1', COMP_WORDS: 'pip install' }],
    [{ PIP_AUTO_COMPLETE: '1', COMP_CWORD: '2' }],
  ])('asks the engine when PIP_AUTO_COMPLETE comes without the rest: %j', (extra) => {
    const env = { PATH: `${w.shims}:${w.real}`, ...extra };
    expect(w.run(join(w.shims, 'pip'), ['install', 'x'], { sh, env }).stderr).toBe('ENGINE\n');
  });
});
