import { describe, expect, it } from 'vitest';
import { decideArgv, factsOf, interpAt } from '../../../test/helpers/core-facts.js';
import { parsePipArgv } from '../argv/index.js';
import { merge } from '../config/merge.js';
import { type ActiveEnv, type Facts, type InterpreterFacts, noPipSettings } from '../facts.js';
import { planToSh } from '../render/plan-sh.js';
import { replayable } from '../replayable.js';
import { pixiSpecs, plainRequirement } from './pixi-specs.js';

// The pure side of onPixiEnv: which forms `pixi add --pypi` takes as pip
// does, and the plan each action makes. test/engine/pixi-env.test.ts runs
// the same through the real shims, real pip and a stand-in pixi.

const ROOT = '/work/proj';
const ENV = `${ROOT}/.pixi/envs/default`;
const MANIFEST = `${ROOT}/pixi.toml`;
const PIXI = '/opt/pixi/bin/pixi';

const interp = (over: Partial<InterpreterFacts> = {}) =>
  interpAt(ENV, 12, { envKind: 'pixi', ...over });

function active(over: Partial<ActiveEnv['pixi']> = {}): ActiveEnv {
  return {
    kind: 'pixi',
    prefix: ENV,
    source: 'CONDA_PREFIX+PIXI_ENVIRONMENT_NAME',
    python: `${ENV}/bin/python`,
    pip: `${ENV}/bin/pip`,
    isCondaBase: false,
    pixi: { root: ROOT, manifest: MANIFEST, environment: 'default', exe: PIXI, ...over },
  };
}

const facts = (over: Partial<Facts> = {}, i: InterpreterFacts = interp()) =>
  factsOf(i, {
    activeEnv: active(),
    projectRoot: '/tmp/cloned',
    cwd: '/tmp/cloned',
    configuredVenv: { path: '/tmp/cloned/.venv', exists: false },
    ...over,
  });

const plan = decideArgv;

const LOCK =
  "pixi's lock file does not record it, so the next pixi command may undo it (prefix-dev/pixi#1233)";
const PIXI_ADD = { onPixiEnv: { action: 'pixi-add' as const, message: null } };

describe('plainRequirement: what pixi add --pypi takes as pip does', () => {
  it.each([
    'requests',
    'requests>=2',
    'Foo[bar,baz]>=2,<3',
    'zope.interface==5.*',
    'pkg ~= 1.4',
    'a_b-c.d===1.0+local',
    'x!=1.0',
  ])('%s: yes', (arg) => expect(plainRequirement(arg)).toBe(true));

  it.each([
    '.',
    './pkg',
    'pkg/',
    '../x',
    'pkg.whl',
    'pkg-1.0.tar.gz',
    'thing.zip',
    'pkg @ https://example.com/pkg.whl',
    'git+https://example.com/r.git',
    'https://example.com/p.tar.gz',
    "pkg; python_version<'3.8'",
    'file:///tmp/x',
    '-e',
    '',
    'pkg[',
    'naïve',
  ])('%j: no', (arg) => expect(plainRequirement(arg)).toBe(false));
});

describe('pixiSpecs: `pip install <reqs>` as pixi add --pypi, or why not', () => {
  const specs = (argv: string[], settings = noPipSettings()) =>
    pixiSpecs(parsePipArgv(argv, '24.2'), settings);

  it('names and specifiers map, byte for byte', () => {
    expect(specs(['install', 'requests>=2', 'Foo[bar]'])).toEqual(['requests>=2', 'Foo[bar]']);
  });

  it.each([
    [['install', '-r', 'req.txt'], '-r req.txt'],
    [['install', '-e', '.'], '-e .'],
    [['install', 'requests>=2', '-r', 'req.txt', '-e', '.'], '-r req.txt'],
    [['install', '-U', 'x'], '-U'],
    [['install', '--index-url', 'https://i/simple', 'x'], '--index-url https://i/simple'],
    [['install', '--target', '/t', 'x'], '--target /t'],
    [['-q', 'install', 'x'], '-q'],
    [['install', '--', 'x'], '--'],
  ])('%j: option %s', (argv, option) => {
    expect(specs(argv)).toEqual({ kind: 'option', option });
  });

  it('a path is not a name', () => {
    expect(specs(['install', 'x', './pkg'])).toEqual({ kind: 'requirement', arg: './pkg' });
  });

  it('uninstall is not pixi add', () => {
    expect(specs(['uninstall', 'x'])).toEqual({ kind: 'uninstall' });
  });

  it('nothing named', () => {
    expect(specs(['install'])).toEqual({ kind: 'no-requirement' });
  });

  it("PIP_INDEX_URL is pip's, not pixi's", () => {
    const s = noPipSettings();
    const source = { kind: 'env' as const, where: 'PIP_INDEX_URL' };
    s.indexUrl = { value: 'https://i/simple', source };
    expect(specs(['install', 'x'], s)).toEqual({ kind: 'setting', key: 'index-url', source });
  });
});

describe('decide: onPixiEnv', () => {
  it('pip (default): the install runs as typed, and one line says the lock will not keep it', () => {
    const p = plan(['pip', 'install', 'x'], facts());
    expect(p.action).toBe('pass');
    expect(p.notices.map((n) => n.text)).toEqual([`pip installs into pixi env ${ENV}; ${LOCK}`]);
  });

  it('an uninstall: the next pixi command may put it back', () => {
    const p = plan(['pip', 'uninstall', '-y', 'x'], facts());
    expect(p.notices.map((n) => n.text)).toEqual([
      `pip uninstalls from pixi env ${ENV}; pixi's lock file does not record it, so the next pixi command may put it back (prefix-dev/pixi#1233)`,
    ]);
  });

  it.each([
    ['a dry run', ['pip', 'install', '--dry-run', 'x'], facts()],
    [
      'a conda env',
      ['pip', 'install', 'x'],
      facts({ activeEnv: null }, interp({ envKind: 'conda' })),
    ],
    ['an explicit --target', ['pip', 'install', '--target', '/t', 'x'], facts()],
    [
      'user mode that stays on (the user site)',
      ['pip', 'install', '--user', 'x'],
      facts({ activeEnv: null }),
    ],
  ])('nothing to say for %s', (_, argv, f) => {
    const p = plan(argv, f);
    expect(p.notices.map((n) => n.text).join('\n')).not.toContain('pixi');
  });

  it('pixi-add: pixi add --pypi in the project root, --manifest-path, the specs as typed', () => {
    const p = plan(['pip', 'install', 'requests>=2', 'Foo[bar]'], facts(), PIXI_ADD);
    expect(p.action).toBe('rewrite');
    if (p.action !== 'rewrite') return;
    expect(p.command).toEqual([
      PIXI,
      'add',
      '--manifest-path',
      MANIFEST,
      '--pypi',
      'requests>=2',
      'Foo[bar]',
    ]);
    expect(p.dir).toBe(ROOT);
    expect(p.notices.map((n) => n.text)).toEqual([
      `running pixi add --pypi in ${ROOT} instead of pip, so pixi's manifest and lock file record it`,
    ]);
    // The user's own arguments reach pixi as the shim's "$@", never re-quoted.
    expect(
      planToSh(p, { real: `${ENV}/bin/pip`, args: ['install', 'requests>=2', 'Foo[bar]'] }),
    ).toBe(
      `cd -- ${ROOT} || exit $?\n_pw_exec ${PIXI} add --manifest-path ${MANIFEST} --pypi "\${2}" "\${3}"\n`,
    );
  });

  it('pixi-add: python -m pip install x becomes the same pixi add', () => {
    const f = facts({ tool: { kind: 'python', name: 'python', path: `${ENV}/bin/python` } });
    const p = plan(['python', '-m', 'pip', 'install', 'x'], f, PIXI_ADD);
    expect(p.action === 'rewrite' && p.command).toEqual([
      PIXI,
      'add',
      '--manifest-path',
      MANIFEST,
      '--pypi',
      'x',
    ]);
  });

  it('pixi-add: a foreign pip pointed at the pixi env runs pixi instead, in one line', () => {
    const sys = interp({
      executable: '/usr/bin/python3',
      prefix: '/usr',
      envKind: 'system',
    });
    const p = plan(['pip', 'install', 'x'], facts({}, sys), PIXI_ADD);
    expect(p.action === 'rewrite' && p.command[0]).toBe(PIXI);
    expect(p.notices.map((n) => n.text)).toEqual([
      `running pixi add --pypi in ${ROOT} instead of pip, so pixi's manifest and lock file record it`,
    ]);
  });

  it('a plan that runs pixi is never replayed from the plan cache', () => {
    const p = plan(['pip', 'install', 'x'], facts(), PIXI_ADD);
    if (p.action === 'ask') throw new Error('asked');
    const cfg = merge([{ level: 'user', file: '/u/config.yaml', values: PIXI_ADD }]);
    expect(replayable(p, cfg, false, '/x/dist/bundle/main.js')).toMatch(/runs .*pixi in /);
    const plain = plan(['pip', 'install', 'x'], facts());
    if (plain.action === 'ask') throw new Error('asked');
    expect(replayable(plain, cfg, false, '/x/dist/bundle/main.js')).toBeNull();
  });

  it.each([
    [['pip', 'install', '-r', 'req.txt'], {}, 'pixi add --pypi has no equivalent for -r req.txt'],
    [['pip', 'install', './pkg'], {}, './pkg is not a plain requirement'],
    [['pip', 'install', 'x'], { exe: null }, 'pixi is not on PATH'],
    [['pip', 'install', 'x'], { root: null }, 'PIXI_PROJECT_ROOT is not set'],
    [['pip', 'install', 'x'], { manifest: null }, 'PIXI_PROJECT_MANIFEST is not set'],
    [['pip', 'install', 'x'], { environment: 'test' }, 'the active pixi environment is test'],
    [['pip', 'uninstall', '-y', 'x'], {}, 'it applies to pip install only'],
  ] as const)('pixi-add, %j with %j: pip runs as typed, and says why', (argv, over, why) => {
    const p = plan([...argv], facts({ activeEnv: active(over) }), PIXI_ADD);
    expect(p.action).toBe('pass');
    const lines = p.notices.map((n) => n.text);
    const verb = argv[1] === 'install' ? 'installs into' : 'uninstalls from';
    const lock = argv[1] === 'install' ? LOCK : LOCK.replace('undo it', 'put it back');
    expect(lines[0]).toBe(`pip ${verb} pixi env ${ENV}; ${lock}`);
    expect(lines[1]?.startsWith(`onPixiEnv: pixi-add not used: ${why}`), lines[1]).toBe(true);
    expect(lines[1]).toMatch(/so pip runs as typed$/);
  });

  it('pixi-add without pixi on PATH: the next step names pixi and the command', () => {
    const p = plan(
      ['pip', 'install', 'x>=1'],
      facts({ activeEnv: active({ exe: null }) }),
      PIXI_ADD,
    );
    expect(p.notices.map((n) => n.text)[2]).toBe(
      "next: install pixi (https://pixi.sh) or put it on PATH; then: pixi add --pypi 'x>=1'",
    );
  });

  it('pixi-add, no pixi on PATH and a form pixi cannot take: pixi is what is missing first', () => {
    const f = facts({ activeEnv: active({ exe: null }) });
    const p = plan(['pip', 'install', '-r', 'req.txt'], f, PIXI_ADD);
    expect(p.notices.map((n) => n.text).slice(1)).toEqual([
      'onPixiEnv: pixi-add not used: pixi is not on PATH (absolute entries only), so pip runs as typed',
      'next: install pixi (https://pixi.sh) or put it on PATH; then: add the packages to [pypi-dependencies] in the pixi manifest, then pixi install',
    ]);
  });

  it('pixi-add with a form pixi cannot take: the next step says how to record it by hand', () => {
    const p = plan(['pip', 'install', '-e', '.'], facts(), PIXI_ADD);
    expect(p.notices.map((n) => n.text)[2]).toBe(
      'next: add the packages to [pypi-dependencies] in the pixi manifest, then pixi install',
    );
  });

  it('refuse: with the pixi add that would record it', () => {
    const p = plan(['pip', 'install', 'x'], facts(), {
      onPixiEnv: { action: 'refuse', message: null },
    });
    expect(p.action).toBe('refuse');
    expect(p.notices.map((n) => n.text)).toEqual([
      `refused: pip would install into pixi env ${ENV}, which pixi's lock file does not record`,
      "next: pixi add --pypi 'x'",
    ]);
  });
});
