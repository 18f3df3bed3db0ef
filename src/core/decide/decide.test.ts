import { describe, expect, it } from 'vitest';
import { decideArgv, factsOf, interpAt } from '../../../test/helpers/core-facts.js';
import type { PartialConfig } from '../config/types.js';
import { type Facts, type InterpreterFacts, noPipSettings } from '../facts.js';
import type { Decision } from '../plan.js';

const SYS = '/usr/local';

const interp = (over: Partial<InterpreterFacts> = {}) => interpAt(SYS, 12, over);

const VENV = '/p/.venv';
const venvInterp = (over: Partial<InterpreterFacts> = {}) =>
  interp({
    executable: `${VENV}/bin/python`,
    prefix: VENV,
    purelib: `${VENV}/lib/python3.12/site-packages`,
    platlib: `${VENV}/lib/python3.12/site-packages`,
    envKind: 'venv',
    includeSystemSitePackages: false,
    enableUserSite: false,
    ...over,
  });

const facts = (over: Partial<Facts> = {}, i: InterpreterFacts | null = interp()) =>
  factsOf(i, over);

const plan = (cmd: string, f: Facts, values: PartialConfig = {}): Decision =>
  decideArgv(cmd.split(' '), f, values);

const envSetting = (value: boolean) => ({
  value,
  source: { kind: 'env' as const, where: 'PIP_USER' },
});

describe('decide: pass-through', () => {
  it.each([
    'pip list',
    'pip freeze',
    'pip --version',
    'pip show x',
    'pip',
    'pip download x -d /tmp/w',
  ])('%s passes untouched', (cmd) => {
    const p = plan(cmd, facts({}, interp({ sitePackagesWritable: false })));
    expect(p.action).toBe('pass');
    if (p.action === 'pass')
      expect(p.command).toEqual([`${SYS}/bin/pip`, ...cmd.split(' ').slice(1)]);
    expect(p.notices).toEqual([]);
  });

  it('python -c passes untouched', () => {
    const p = plan('python3 -c pass', facts());
    expect(p.action).toBe('pass');
    expect(p.invocation).toBeNull();
  });

  it('a writable system install with nothing odd passes silently', () => {
    const p = plan('pip install x', facts());
    expect(p.action).toBe('pass');
    expect(p.notices).toEqual([]);
  });

  it("explicit --target is the user's choice", () => {
    const p = plan('pip install --target /t x', facts({}, interp({ sitePackagesWritable: false })));
    expect(p.action).toBe('pass');
    expect(p.reasons[0]?.message).toMatch(/explicit/);
  });
});

describe('decide: user mode in a venv', () => {
  it('drops --user and says so', () => {
    const p = plan('pip install --user x', facts({}, venvInterp()));
    expect(p.action).toBe('rewrite');
    if (p.action !== 'rewrite') return;
    expect(p.command).toEqual([`${VENV}/bin/pip`, 'install', 'x']);
    expect(p.env.set).toEqual({});
    expect(p.notices).toHaveLength(1);
    expect(p.notices[0]?.text).toContain(VENV);
  });

  it('neutralises PIP_USER=1 with PIP_USER=0, argv untouched', () => {
    const p = plan(
      'pip install -q x',
      facts({ pipSettings: { ...facts().pipSettings, user: envSetting(true) } }, venvInterp()),
    );
    expect(p.action).toBe('rewrite');
    if (p.action !== 'rewrite') return;
    expect(p.command).toEqual([`${VENV}/bin/pip`, 'install', '-q', 'x']);
    expect(p.env.set).toEqual({ PIP_USER: '0' });
    expect(p.notices[0]?.text).toContain('PIP_USER in the environment');
  });

  // pip allows --user there and writes to ~/.local, outside the venv.
  it('redirects in venvs with system site-packages too, unless they are not writable', () => {
    const ss = { includeSystemSitePackages: true, enableUserSite: true };
    const p = plan('pip install --user x', facts({}, venvInterp(ss)));
    expect(p.action).toBe('rewrite');
    if (p.action === 'rewrite') expect(p.command).toEqual([`${VENV}/bin/pip`, 'install', 'x']);
    expect(p.notices.map((n) => n.text)).toEqual([
      `installing into the venv ${VENV}, not the user site /home/u/.local/lib/python3.12/site-packages: --user is turned off in a venv`,
    ]);
    const shared = venvInterp({ ...ss, sitePackagesWritable: false });
    expect(plan('pip install --user x', facts({}, shared)).action).toBe('pass');
    const kept = plan('pip install --user x', facts({}, venvInterp(ss)), {
      onUserInVenv: { action: 'pip', message: null },
    });
    expect(kept.action).toBe('pass');
  });

  // pip ignores every PIP_* variable under --isolated, but still reads the
  // file PIP_CONFIG_FILE names: only the command line beats it.
  it('--isolated: user = true from a file is turned off with --no-user, not PIP_USER=0', () => {
    const settings = {
      ...noPipSettings(),
      user: { value: true, source: { kind: 'file' as const, where: '/c/pip.conf' } },
    };
    const p = plan('pip install --isolated x', facts({ pipSettings: settings }, venvInterp()));
    expect(p.action).toBe('rewrite');
    if (p.action !== 'rewrite') return;
    expect(p.command).toEqual([`${VENV}/bin/pip`, 'install', '--isolated', 'x', '--no-user']);
    expect(p.env).toEqual({ set: {}, unset: [] });
    const q = plan(
      'pip install --user --isolated x',
      facts({ pipSettings: settings }, venvInterp()),
    );
    if (q.action === 'rewrite')
      expect(q.command).toEqual([`${VENV}/bin/pip`, 'install', '--isolated', 'x', '--no-user']);
  });

  it('onUserInVenv: refuse refuses with exit 77', () => {
    const p = plan('pip install --user x', facts({}, venvInterp()), {
      onUserInVenv: { action: 'refuse', message: 'ask #help' },
    });
    expect(p.action).toBe('refuse');
    if (p.action !== 'refuse') return;
    expect(p.exitCode).toBe(77);
    expect(p.notices.map((n) => n.text).join('\n')).toMatch(/ask #help[\s\S]*refused:[\s\S]*next:/);
  });

  it('onUserInVenv: pip leaves it to pip', () => {
    const p = plan('pip install --user x', facts({}, venvInterp()), {
      onUserInVenv: { action: 'pip', message: null },
    });
    expect(p.action).toBe('pass');
  });
});

describe('decide: an active conda or pixi env with a foreign pip', () => {
  const CONDA = '/opt/envs/ml';
  const activeEnv = (pip: string | null, kind: 'conda' | 'pixi' = 'conda') => ({
    kind,
    prefix: CONDA,
    source: 'CONDA_PREFIX',
    python: `${CONDA}/bin/python`,
    pip,
    isCondaBase: false,
  });

  it("uses the env's own pip when it has one", () => {
    const p = plan('pip install x', facts({ activeEnv: activeEnv(`${CONDA}/bin/pip`) }));
    expect(p.action).toBe('rewrite');
    if (p.action === 'rewrite') expect(p.command).toEqual([`${CONDA}/bin/pip`, 'install', 'x']);
  });

  // pip exits 3 "Could not find an activated virtualenv (required)" under a
  // conda interpreter; the pip as typed (a venv's) would have installed.
  it.each([
    ['--require-virtualenv', 'pip --require-virtualenv install x', null],
    ['PIP_REQUIRE_VIRTUALENV', 'pip install x', 'env'],
  ])('require-virtualenv (%s): no redirect into a conda env, with a warning', (_, cmd, kind) => {
    const f = facts(
      { activeEnv: activeEnv(`${CONDA}/bin/pip`) },
      venvInterp({ executable: '/v/bin/python', prefix: '/v' }),
    );
    if (kind)
      f.pipSettings.requireVirtualenv = {
        value: true,
        source: { kind: 'env', where: 'PIP_REQUIRE_VIRTUALENV' },
      };
    const p = plan(cmd, f);
    expect(p.action).toBe('pass');
    expect(p.notices[0]?.text).toMatch(/requires a virtualenv .* so pip runs as typed/);
  });

  it.each([
    [`${CONDA}/bin/pip`, 'with its own pip'],
    [null, 'through pip --python: it has no pip of its own'],
  ])('says it in one short line, without the detection noise (pip %s)', (pip, how) => {
    const p = plan(
      'pip install x',
      facts({
        activeEnv: { ...activeEnv(pip, 'pixi'), source: 'CONDA_PREFIX+PIXI_ENVIRONMENT_NAME' },
      }),
    );
    expect(p.notices.map((n) => n.text)).toEqual([
      `installing into the active pixi env ${CONDA}, ${how}; pixi's lock file does not record it, so the next pixi command may undo it (prefix-dev/pixi#1233)`,
    ]);
    expect(p.reasons[0]?.message).toContain('CONDA_PREFIX+PIXI_ENVIRONMENT_NAME'); // explain keeps it
  });

  it('adds --python before the subcommand when the env has no pip (pip ≥ 22.3)', () => {
    const p = plan('pip -q install x', facts({ activeEnv: activeEnv(null, 'pixi') }));
    expect(p.action).toBe('rewrite');
    if (p.action === 'rewrite') {
      expect(p.command).toEqual([
        `${SYS}/bin/pip`,
        '-q',
        '--python',
        `${CONDA}/bin/python`,
        'install',
        'x',
      ]);
    }
  });

  it('python -m pip keeps interpreter flags and uses the env python', () => {
    const f = facts({
      activeEnv: activeEnv(`${CONDA}/bin/pip`),
      tool: { kind: 'python', name: 'python3', path: `${SYS}/bin/python3` },
    });
    const p = plan('python3 -I -m pip install x', f);
    if (p.action !== 'rewrite') throw new Error(p.action);
    expect(p.command).toEqual([`${CONDA}/bin/python`, '-I', '-m', 'pip', 'install', 'x']);
  });

  it('refuses with the next step when pip is too old for --python', () => {
    const p = plan(
      'pip install x',
      facts({ activeEnv: activeEnv(null) }, interp({ pipVersion: '22.0.4' })),
    );
    expect(p.action).toBe('refuse');
    expect(p.notices.at(-1)?.text).toContain('conda install -p /opt/envs/ml pip');
  });

  it('a versioned name redirects only to an env with that version', () => {
    const env = { ...activeEnv(`${CONDA}/bin/pip`), pythonVersions: ['3.12'] };
    const tool = (name: string) => ({ kind: 'pip' as const, name, path: `${SYS}/bin/${name}` });
    expect(plan('pip3.11 install x', facts({ activeEnv: env, tool: tool('pip3.11') })).action).toBe(
      'pass',
    );
    expect(plan('pip3.12 install x', facts({ activeEnv: env, tool: tool('pip3.12') })).action).toBe(
      'rewrite',
    );
    expect(plan('pip3 install x', facts({ activeEnv: env, tool: tool('pip3') })).action).toBe(
      'rewrite',
    );
  });

  it('ignores a conda base env unless condaBase is set', () => {
    const base = { ...activeEnv(`${CONDA}/bin/pip`), isCondaBase: true };
    expect(plan('pip install x', facts({ activeEnv: base })).action).toBe('pass');
    expect(plan('pip install x', facts({ activeEnv: base }), { condaBase: true }).action).toBe(
      'rewrite',
    );
  });

  describe('user mode in the env itself (a whole interpreter: pip would use ~/.local)', () => {
    const own = (kind: 'conda' | 'pixi' = 'conda') =>
      facts(
        { activeEnv: activeEnv(`${CONDA}/bin/pip`, kind) },
        interp({ prefix: CONDA, envKind: kind }),
      );
    it.each(['conda', 'pixi'] as const)('%s: --user is dropped, in one line', (kind) => {
      const p = plan('pip install --user x', own(kind));
      expect(p.action).toBe('rewrite');
      if (p.action === 'rewrite') expect(p.command).toEqual([`${CONDA}/bin/pip`, 'install', 'x']);
      // One line for user mode; a pixi env adds onPixiEnv's lock warning.
      expect(p.notices[0]?.text).toBe(
        `installing into the active ${kind} env ${CONDA}, not the user site; user mode (--user) is turned off`,
      );
      expect(p.notices.filter((n) => /user mode/.test(n.text))).toHaveLength(1);
    });
    it('PIP_USER=1: PIP_USER=0 for pip', () => {
      const f = own();
      f.pipSettings = { ...noPipSettings(), user: envSetting(true), userVars: ['PIP_USER'] };
      const p = plan('pip install x', f);
      if (p.action === 'rewrite') expect(p.env.set).toEqual({ PIP_USER: '0' });
      expect(p.action).toBe('rewrite');
    });
    it('onUserInCondaEnv: pip passes; refuse refuses with the step', () => {
      expect(
        plan('pip install --user x', own(), { onUserInCondaEnv: { action: 'pip', message: null } })
          .action,
      ).toBe('pass');
      const r = plan('pip install --user x', own(), {
        onUserInCondaEnv: { action: 'refuse', message: null },
      });
      expect(r.action).toBe('refuse');
      expect(r.notices.at(-1)?.text).toBe(
        'next: drop --user (or unset PIP_USER) to install into the conda env',
      );
    });
    it('conda base: left to pip unless condaBase; a read-only env too', () => {
      const base = own();
      base.activeEnv = {
        ...(base.activeEnv as NonNullable<Facts['activeEnv']>),
        isCondaBase: true,
      };
      expect(plan('pip install --user x', base).action).toBe('pass');
      expect(plan('pip install --user x', base, { condaBase: true }).action).toBe('rewrite');
      const shared = own();
      shared.interpreter = interp({ prefix: CONDA, envKind: 'conda', sitePackagesWritable: false });
      expect(plan('pip install --user x', shared).action).not.toBe('rewrite');
    });
    it('the env has no pip, pip is foreign: onUserInCondaEnv decides the same', () => {
      const f = facts({ activeEnv: activeEnv(null) });
      const p = plan('pip install --user x', f, {
        onUserInCondaEnv: { action: 'pip', message: null },
      });
      expect(p.action).toBe('rewrite');
      if (p.action !== 'rewrite') return;
      expect(p.command).toEqual([
        `${SYS}/bin/pip`,
        '--python',
        `${CONDA}/bin/python`,
        'install',
        '--user',
        'x',
      ]);
      expect(p.notices[0]?.text).toMatch(
        /user mode \(--user\) stays on: the install goes into that interpreter's user site/,
      );
      const d = plan('pip install --user x', f);
      if (d.action === 'rewrite')
        expect(d.command).toEqual([
          `${SYS}/bin/pip`,
          '--python',
          `${CONDA}/bin/python`,
          'install',
          'x',
        ]);
    });
  });

  it('rule env: conda-base holds in base only; its refusal offers conda create', () => {
    const rules = [
      {
        name: null,
        when: { env: ['conda-base' as const] },
        action: 'refuse' as const,
        message: null,
      },
    ];
    const inBase = facts({}, interp({ prefix: CONDA, envKind: 'conda', isCondaBase: true }));
    const p = plan('pip install x', inBase, { rules });
    expect(p.action).toBe('refuse');
    expect(p.nextSteps).toEqual([{ kind: 'conda-create', python: '3.12' }]);
    const other = facts({}, interp({ prefix: CONDA, envKind: 'conda' }));
    expect(plan('pip install x', other, { rules }).action).toBe('pass');
  });

  it('does nothing when pip already belongs to the env', () => {
    const p = plan(
      'pip install x',
      facts(
        { activeEnv: activeEnv(`${CONDA}/bin/pip`) },
        interp({ prefix: `${CONDA}/`, envKind: 'conda' }),
      ),
    );
    expect(p.action).toBe('pass');
  });
});

describe('decide: site-packages not writable', () => {
  const ro = interp({ sitePackagesWritable: false });

  it('adds --user explicitly and names the user site and PATH', () => {
    const p = plan('pip install -U x', facts({}, ro));
    if (p.action !== 'rewrite') throw new Error(p.action);
    expect(p.command).toEqual([`${SYS}/bin/pip`, 'install', '-U', 'x', '--user']);
    expect(p.notices[0]?.text).toContain('/home/u/.local/lib/python3.12/site-packages');
    expect(p.notices[1]?.text).toMatch(/^next: scripts go to .* NOT on PATH/);
    expect(p.notices).toHaveLength(2);
  });

  it('keeps options after -- as positionals', () => {
    const p = plan('pip install x -- y', facts({}, ro));
    if (p.action !== 'rewrite') throw new Error(p.action);
    expect(p.command).toEqual([`${SYS}/bin/pip`, 'install', 'x', '--user', '--', 'y']);
  });

  it('does not apply when the user site is disabled, or --no-user was given', () => {
    expect(
      plan(
        'pip install x',
        facts({}, interp({ sitePackagesWritable: false, enableUserSite: false })),
      ).action,
    ).toBe('pass');
    expect(plan('pip install --no-user x', facts({}, ro)).action).toBe('pass');
  });

  it('onNotWritable: venv creates the project venv and installs there', () => {
    const p = plan('pip install x', facts({}, ro), {
      onNotWritable: { action: 'venv', message: null },
    });
    if (p.action !== 'rewrite') throw new Error(p.action);
    expect(p.before).toEqual([[`${SYS}/bin/python3.12`, '-m', 'venv', '/p/.venv']]);
    expect(p.command).toEqual(['/p/.venv/bin/python', '-m', 'pip', 'install', 'x']);
  });

  it('notices: false silences the notice but not the rewrite', () => {
    const p = plan('pip install x', facts({}, ro), { notices: false });
    expect(p.action).toBe('rewrite');
    expect(p.notices).toEqual([]);
  });
});

describe('decide: externally managed', () => {
  const em = interp({
    externallyManaged: '/usr/lib/python3.11/EXTERNALLY-MANAGED',
    pipVersion: '23.0.1',
    sitePackagesWritable: false,
  });

  it("refuses in pip's place (pip would refuse anyway), the next step last", () => {
    const p = plan(
      'pip install x',
      facts({}, { ...em, externallyManagedMessage: 'Use apt.\n\nOr a venv.' }),
    );
    expect(p.action).toBe('refuse');
    expect(p.notices.map((n) => n.text)).toEqual([
      expect.stringMatching(
        /^refused: .* is externally managed \(PEP 668\), so pip would refuse: "Use apt\."$/,
      ),
      expect.stringMatching(/^next: python3 -m venv \.venv/),
    ]);
  });

  it.each(['pip install --help', 'pip install --dry-run x', 'pip --version'])(
    'leaves %s to pip on an externally managed Python',
    (cmd) => {
      expect(plan(cmd, facts({}, em)).action).toBe('pass');
    },
  );

  it('never adds --break-system-packages unless allowed', () => {
    const p = plan('pip install x', facts({}, em), { allowBreakSystemPackages: true });
    if (p.action !== 'rewrite') throw new Error(p.action);
    expect(p.command.at(-1)).toBe('--break-system-packages');
  });

  it("respects the user's own --break-system-packages silently", () => {
    const p = plan(
      'pip install --break-system-packages x',
      facts({}, { ...em, sitePackagesWritable: true }),
    );
    expect(p.notices).toEqual([]);
  });

  // --break-system-packages came in pip 23.0.1; pip 23.0 honours PEP 668
  // but would reject the option ("no such option", pypa/pip#11780).
  // Without the option pip 23.0 refuses, so pipwarden refuses in its place.
  it('pip 23.0: allowBreakSystemPackages adds nothing pip 23.0 lacks, and warns', () => {
    const p = plan('pip install x', facts({}, { ...em, pipVersion: '23.0' }), {
      allowBreakSystemPackages: true,
    });
    expect(p.action).toBe('refuse');
    expect(JSON.stringify(p)).not.toContain('"--break-system-packages"');
    expect(p.reasons[0]?.message).toMatch(/pip 23\.0 has no --break-system-packages/);
  });

  it('--dry-run with --report from PIP_DRY_RUN / PIP_REPORT is exempt too', () => {
    const f = facts({}, { ...em, sitePackagesWritable: true });
    f.pipSettings.dryRun = { value: true, source: { kind: 'env', where: 'PIP_DRY_RUN' } };
    f.pipSettings.report = { value: '-', source: { kind: 'env', where: 'PIP_REPORT' } };
    const p = plan('pip install x', f, {
      onExternallyManaged: { action: 'refuse', message: null },
    });
    expect(p.action).toBe('pass');
    expect(plan('pip install --dry-run x', facts({}, em)).notices).not.toEqual([]);
  });

  it('onExternallyManaged: refuse', () => {
    expect(
      plan('pip install x', facts({}, em), {
        onExternallyManaged: { action: 'refuse', message: null },
      }).action,
    ).toBe('refuse');
  });
});

describe('decide: org venv-only', () => {
  const org = { onNoEnv: { action: 'refuse' as const, message: 'Company policy: use a venv' } };

  it('refuses outside any env', () => {
    const p = plan('pip install x', facts(), org);
    expect(p.action).toBe('refuse');
    expect(p.notices[0]?.text).toBe('Company policy: use a venv');
  });

  it('allows venvs, conda and pixi envs', () => {
    expect(plan('pip install x', facts({}, venvInterp()), org).action).toBe('pass');
    expect(
      plan('pip install x', facts({}, interp({ envKind: 'conda', prefix: '/c' })), org).action,
    ).toBe('pass');
    expect(
      plan('pip install x', facts({}, interp({ envKind: 'pixi', prefix: '/c' })), org).action,
    ).toBe('pass');
  });

  it('read-only subcommands still pass', () => {
    expect(plan('pip list', facts(), org).action).toBe('pass');
  });
});

describe('decide: sudo', () => {
  it('warns and passes', () => {
    const p = plan('pip install x', facts({ user: { uid: 0, isRoot: true, sudoUser: 'alice' } }));
    expect(p.action).toBe('pass');
    expect(p.notices[0]).toMatchObject({ level: 'warning' });
    expect(p.notices[0]?.text).toContain('SUDO_USER=alice');
  });

  it('inside a venv says nothing', () => {
    const p = plan(
      'pip install x',
      facts({ user: { uid: 0, isRoot: true, sudoUser: 'alice' } }, venvInterp()),
    );
    expect(p.notices).toEqual([]);
  });
});

describe('decide: python -m pip under an interpreter without pip', () => {
  const bare = interp({ pipVersion: null });
  const f = (over: Partial<Facts> = {}) =>
    facts(
      {
        tool: { kind: 'python', name: 'python3', path: `${SYS}/bin/python3` },
        fallbackPip: { path: '/opt/tools/bin/pip3', version: '24.2' },
        ...over,
      },
      bare,
    );

  it('runs another pip ≥ 22.3 with --python, keeping the target', () => {
    const p = plan('python3 -m pip install x', f());
    if (p.action !== 'rewrite') throw new Error(p.action);
    expect(p.command).toEqual([
      '/opt/tools/bin/pip3',
      '--python',
      `${SYS}/bin/python3.12`,
      'install',
      'x',
    ]);
  });

  it('an org venv-only refusal still applies: the runner is not a way around policy', () => {
    const p = plan('python3 -m pip install x', f(), {
      onNoEnv: { action: 'refuse', message: null },
    });
    expect(p.action).toBe('refuse');
  });

  it('refuses with the next step when no usable pip is on PATH', () => {
    const p = plan('python3 -m pip install x', f({ fallbackPip: null }));
    expect(p.action).toBe('refuse');
    expect(p.notices.at(-1)?.text).toBe(
      `next: ${SYS}/bin/python3.12 -m ensurepip (then run pip again)`,
    );
  });
});

describe('decide: the location condition', () => {
  const rules = [
    {
      name: 'venv-only-location',
      when: {
        location: ['target', 'prefix', 'root'] as ('target' | 'prefix' | 'root')[],
        env: ['system'] as 'system'[],
      },
      action: 'refuse' as const,
      message: null,
    },
  ];
  const prefix = { value: '/opt/p', source: { kind: 'env' as const, where: 'PIP_PREFIX' } };
  const withPrefix = (i: InterpreterFacts) =>
    facts({ pipSettings: { ...facts().pipSettings, prefix } }, i);
  it.each([
    ['--target on the system python', 'pip install --target /t x', facts(), 'refuse'],
    ['--root on the system python', 'pip install --root /r x', facts(), 'refuse'],
    ['PIP_PREFIX on the system python', 'pip install x', withPrefix(interp()), 'refuse'],
    ['--target in a venv', 'pip install --target /t x', facts({}, venvInterp()), 'pass'],
    ['no location', 'pip install x', facts(), 'pass'],
  ] as const)('%s: %s', (_name, cmd, f, action) => {
    expect(plan(cmd, f, { rules }).action).toBe(action);
  });
  it('names the location and drops it in the next step', () => {
    const p = plan('pip install --prefix /usr/local x', facts(), { rules });
    const text = p.notices.map((n) => n.text).join('\n');
    expect(text).toContain('refused: --prefix /usr/local: an explicit install location');
    expect(text).toContain('next: drop --prefix /usr/local and');
  });
  it('without the rule, PIP_PREFIX on the system python passes untouched', () => {
    expect(plan('pip install x', withPrefix(interp())).action).toBe('pass');
  });
});
