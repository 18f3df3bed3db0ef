import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { makeWholeEnv } from '../helpers/whole-env.js';
import { type ShellWorld, shellWorld } from '../shell/support/world.js';

// User mode (--user, PIP_USER, pip.conf `user = true`) while an env is
// active, through the real shims to the real pip, against pip alone in the
// same set-up. A conda or pixi env is a whole interpreter: pip honours
// --user there and writes to ~/.local, which every env of that Python then
// sees (conda/conda#7173). pipwarden sends the install into the env, as it
// does in a venv, whatever form the call takes.

const py = pyenvPython('3.12');
const noPy = needs('pyenv Python 3.12', py);

// Each test runs a dozen real pips in copied interpreters: on a loaded
// machine that is more than the default 120 s.
const SLOW = 400_000;

const PKGS = Array.from({ length: 24 }, (_, i) => `pwu${i}`);

type Where = 'env' | 'user' | 'both' | 'none';

interface Case {
  /** The command as typed (its first word found on PATH: the shims, or not). */
  argv: (pkg: string) => string[];
  /** Extra variables: PIP_USER, PIP_CONFIG_FILE … */
  vars?: Record<string, string>;
}

describe.skipIf(noPy)('user mode in an active env, through the shims', () => {
  let w: ShellWorld;
  let userConf: string;
  let next = 0;
  const pkg = () => PKGS[next++] as string;
  const python = py as string;

  /** A fresh world for one test (temp dirs live as long as a test). */
  function fresh(): void {
    w = shellWorld(PKGS);
    next = 0;
    userConf = join(w.root, 'user-true.conf');
    writeFileSync(userConf, '[install]\nuser = true\n');
  }
  const condaEnv = () =>
    makeWholeEnv(python, join(w.root, 'conda', 'envs', 'ml'), { kind: 'conda', pip: true });

  const userSite = () => join(w.home, '.local', 'lib', 'python3.12', 'site-packages');
  const where = (prefix: string, name: string): Where => {
    const inEnv = installedIn(prefix, name);
    const inUser = existsSync(join(userSite(), name, '__init__.py'));
    return inEnv && inUser ? 'both' : inEnv ? 'env' : inUser ? 'user' : 'none';
  };

  /** pip alone, then through the shims, in the same set-up: where each landed. */
  function both(
    prefix: string,
    activation: Record<string, string>,
    c: Case,
    config: Record<string, string> = {},
  ) {
    const bin = join(prefix, 'bin');
    const vars = { ...activation, ...(c.vars ?? {}) };
    const plainPath = [bin, join(w.sys, 'bin'), '/usr/bin', '/bin'].join(':');
    // pip alone only where the test compares with it (a config of ours changes nothing for pip).
    const withAlone = Object.keys(config).length === 0;
    const p1 = pkg();
    const alone = withAlone
      ? runCommand(c.argv(p1), { env: w.env({ ...vars, PATH: plainPath }) })
      : null;
    const aloneAt = withAlone ? where(prefix, p1) : null;
    rmSync(join(w.home, '.local'), { recursive: true, force: true });
    const p2 = pkg();
    const shim = runCommand(c.argv(p2), { env: w.env({ ...vars, ...config, PATH: w.path(bin) }) });
    const shimAt = where(prefix, p2);
    rmSync(join(w.home, '.local'), { recursive: true, force: true });
    const notices = shim.stderr.split('\n').filter((l) => l.startsWith('pipwarden:'));
    return { alone, aloneAt, shim, shimAt, notices };
  }

  const install = (...extra: string[]) => [
    'install',
    '--no-index',
    '--find-links',
    w.wheels,
    ...extra,
  ];

  type Form = [string, Case];
  /** Each form through `both`: where pip alone and pipwarden put the package. */
  function each(
    forms: Form[],
    prefix: string,
    activation: Record<string, string>,
    check: (label: string, r: ReturnType<typeof both>) => void,
    config: Record<string, string> = {},
  ): void {
    for (const [label, c] of forms) check(label, both(prefix, activation, c, config));
  }

  it(
    'defect 1: a conda env with its own pip: pip alone writes ~/.local, pipwarden the env',
    () => {
      fresh();
      const conda = condaEnv();
      const forms: Form[] = [
        ['pip install --user', { argv: (p) => ['pip', ...install('--user', p)] }],
        [
          'PIP_USER=1 pip3 install',
          { argv: (p) => ['pip3', ...install(p)], vars: { PIP_USER: '1' } },
        ],
        [
          'python -m pip install, user = true in pip.conf',
          {
            argv: (p) => ['python', '-m', 'pip', ...install(p)],
            vars: { PIP_CONFIG_FILE: userConf },
          },
        ],
        [
          'python3.12 -m pip install --user',
          { argv: (p) => ['python3.12', '-m', 'pip', ...install('--user', p)] },
        ],
      ];
      each(forms, conda.prefix, conda.activation, (label, r) => {
        expect(r.alone?.status, `${label}: ${r.alone?.stderr}`).toBe(0);
        expect(r.aloneAt, label).toBe('user');
        expect(r.shim.status, `${label}: ${r.shim.stderr}`).toBe(0);
        expect(r.shimAt, label).toBe('env');
        expect(r.notices, label).toHaveLength(1);
        expect(r.notices[0], label).toContain(conda.prefix);
        expect(r.notices[0], label).toMatch(/user mode .* is turned off/);
      });
      // onUserInCondaEnv: pip keeps the user site; refuse says how to install into the env.
      const user: Form[] = [
        ['pip install --user', { argv: (p) => ['pip', ...install('--user', p)] }],
      ];
      each(
        user,
        conda.prefix,
        conda.activation,
        (label, r) => {
          expect(r.shim.status, `${label}: ${r.shim.stderr}`).toBe(0);
          expect(r.shimAt, label).toBe('user');
        },
        { PIPWARDEN_ON_USER_IN_CONDA_ENV: 'pip' },
      );
      const env: Form[] = [
        [
          'PIP_USER=1 pip install',
          { argv: (p) => ['pip', ...install(p)], vars: { PIP_USER: '1' } },
        ],
      ];
      each(
        env,
        conda.prefix,
        conda.activation,
        (label, r) => {
          expect(r.shim.status, label).toBe(77);
          expect(r.shimAt, label).toBe('none');
          expect(r.shim.stderr, label).toMatch(/next: .*PIP_USER/);
        },
        { PIPWARDEN_ON_USER_IN_CONDA_ENV: 'refuse' },
      );
      // Defect 4 in a conda env: --isolated, user = true in PIP_CONFIG_FILE's file.
      const isolated: Form[] = [
        [
          'python3 -m pip install --isolated',
          {
            argv: (p) => ['python3', '-m', 'pip', ...install('--isolated', p)],
            vars: { PIP_CONFIG_FILE: userConf },
          },
        ],
      ];
      each(isolated, conda.prefix, conda.activation, (label, r) => {
        expect(r.aloneAt, label).toBe('user');
        expect(r.shim.status, `${label}: ${r.shim.stderr}`).toBe(0);
        expect(r.shimAt, label).toBe('env');
      });
    },
    SLOW,
  );

  it(
    'defect 2: a pixi env without pip: every form installs into the env, one notice',
    () => {
      fresh();
      const pixi = makeWholeEnv(python, join(w.root, 'proj', '.pixi', 'envs', 'default'), {
        kind: 'pixi',
      });
      const forms: Form[] = [
        [
          'python -m pip install --user',
          { argv: (p) => ['python', '-m', 'pip', ...install('--user', p)] },
        ],
        [
          'PIP_USER=1 python3 -m pip install',
          { argv: (p) => ['python3', '-m', 'pip', ...install(p)], vars: { PIP_USER: '1' } },
        ],
        ['pip install --user', { argv: (p) => ['pip', ...install('--user', p)] }],
        [
          'PIP_USER=1 pip3 install',
          { argv: (p) => ['pip3', ...install(p)], vars: { PIP_USER: '1' } },
        ],
      ];
      each(forms, pixi.prefix, pixi.activation, (label, r) => {
        expect(r.shim.status, `${label}: ${r.shim.stderr}`).toBe(0);
        expect(r.shimAt, label).toBe('env');
        expect(r.notices, label).toHaveLength(1);
        expect(r.notices[0], label).toContain(`installing into the active pixi env ${pixi.prefix}`);
        expect(r.notices[0], label).toMatch(/user mode .* is turned off/);
      });
    },
    SLOW,
  );

  it(
    'conda base: user mode stays user mode unless condaBase: true; preset no-conda-base refuses pip install there',
    () => {
      fresh();
      const base = makeWholeEnv(python, join(w.root, 'miniconda3'), {
        kind: 'conda',
        pip: true,
        condaBase: true,
      });
      const forms: Form[] = [
        ['pip install --user', { argv: (p) => ['pip', ...install('--user', p)] }],
      ];
      each(forms, base.prefix, base.activation, (label, r) => {
        expect(r.aloneAt, label).toBe('user');
        expect(r.shim.status, `${label}: ${r.shim.stderr}`).toBe(0);
        expect(r.shimAt, label).toBe('user');
        expect(r.notices, label).toEqual([]);
      });
      each(
        forms,
        base.prefix,
        base.activation,
        (label, r) => {
          expect(r.shim.status, `${label}: ${r.shim.stderr}`).toBe(0);
          expect(r.shimAt, label).toBe('env');
        },
        { PIPWARDEN_CONDA_BASE: 'true' },
      );
      // Preset no-conda-base: pip install into base is refused with the conda
      // create step; --user passes (other conda envs: decide.test.ts).
      const cfg = join(w.home, '.config', 'pipwarden');
      mkdirSync(cfg, { recursive: true });
      writeFileSync(join(cfg, 'config.yaml'), 'presets: [no-conda-base]\n');
      const inBase = (argv: string[], activated: boolean) =>
        runCommand(argv, {
          env: w.env({
            ...(activated ? base.activation : {}),
            PATH: w.path(join(base.prefix, 'bin')),
          }),
        });
      // Activated or not (base found by its condabin/), every form.
      for (const [argv, activated] of [
        [['pip', ...install(pkg())], true],
        [['python', '-m', 'pip', ...install(pkg())], true],
        [['pip3', ...install(pkg())], false],
      ] as const) {
        const r = inBase([...argv], activated);
        const label = `${argv[0]} (activated: ${activated})`;
        expect(r.status, `${label}: ${r.stderr}`).toBe(77);
        expect(r.stderr, label).toContain("refused: pip into conda's base env");
        expect(r.stderr, label).toContain(
          'next: conda create -n <name> python=3.12 pip && conda activate <name>, then run pip again',
        );
        expect(installedIn(base.prefix, argv.at(-1) as string), label).toBe(false);
      }
      const user = pkg();
      const u = inBase(['pip', ...install('--user', user)], true);
      expect(u.status, u.stderr).toBe(0);
      expect(existsSync(join(userSite(), user))).toBe(true);
    },
    SLOW,
  );

  it(
    'defect 3: a venv with --system-site-packages: pip alone writes ~/.local, pipwarden the venv',
    () => {
      fresh();
      const venv = systemSiteVenv(python, join(w.root, 'ssvenv'));
      const forms: Form[] = [
        [
          'PIP_USER=1 pip install',
          { argv: (p) => ['pip', ...install(p)], vars: { PIP_USER: '1' } },
        ],
        [
          'python -m pip install --user',
          { argv: (p) => ['python', '-m', 'pip', ...install('--user', p)] },
        ],
      ];
      each(forms, venv, { VIRTUAL_ENV: venv }, (label, r) => {
        expect(r.alone?.status, `${label}: ${r.alone?.stderr}`).toBe(0);
        expect(r.aloneAt, label).toBe('user');
        expect(r.shim.status, `${label}: ${r.shim.stderr}`).toBe(0);
        expect(r.shimAt, label).toBe('env');
        expect(r.notices, label).toHaveLength(1);
        expect(r.notices[0], label).toContain(venv);
      });
      // Both are reasonable there: onUserInVenv: pip keeps pip's own choice.
      each(
        forms.slice(0, 1),
        venv,
        { VIRTUAL_ENV: venv },
        (label, r) => {
          expect(r.shim.status, `${label}: ${r.shim.stderr}`).toBe(0);
          expect(r.shimAt, label).toBe('user');
        },
        { PIPWARDEN_ON_USER_IN_VENV: 'pip' },
      );
    },
    SLOW,
  );

  it(
    'defect 4: --isolated, user = true in PIP_CONFIG_FILE: pip alone exits 0, so does pipwarden, into the env',
    () => {
      fresh();
      // A venv is active, but pip belongs to a whole interpreter: pipwarden
      // runs the venv's own pip, which would refuse user mode.
      const plain = makeWholeEnv(python, join(w.root, 'plain'), { kind: 'plain', pip: true });
      const venv = join(w.root, 'isolated-venv');
      makeVenv(python, venv, { withoutPip: true });
      linkPip(python, venv);
      for (const form of ['pip', 'pip3']) {
        const vars = { VIRTUAL_ENV: venv, PIP_CONFIG_FILE: userConf };
        const bin = join(plain.prefix, 'bin');
        const p1 = pkg();
        const alone = runCommand([form, ...install('--isolated', p1)], {
          env: w.env({ ...vars, PATH: [bin, '/usr/bin', '/bin'].join(':') }),
        });
        expect(alone.status, `${form}: ${alone.stderr}`).toBe(0);
        expect(existsSync(join(userSite(), p1)), form).toBe(true);
        rmSync(join(w.home, '.local'), { recursive: true, force: true });
        const p2 = pkg();
        const shim = runCommand([form, ...install('--isolated', p2)], {
          env: w.env({ ...vars, PATH: w.path(bin) }),
        });
        expect(shim.status, `${form}: ${shim.stderr}`).toBe(0);
        expect(installedIn(venv, p2), form).toBe(true);
        expect(existsSync(join(userSite(), p2)), form).toBe(false);
      }
    },
    SLOW,
  );
});

/** A venv that sees the base's site-packages, with a `pip` script running the base's pip. */
function systemSiteVenv(python: string, dir: string): string {
  makeVenv(python, dir, { withoutPip: true, systemSitePackages: true });
  mkdirSync(join(dir, 'bin'), { recursive: true });
  for (const name of ['pip', 'pip3', 'pip3.12']) {
    const script = join(dir, 'bin', name);
    writeFileSync(
      script,
      `#!${join(dir, 'bin', 'python')}\nimport sys\nfrom pip._internal.cli.main import main\nif __name__ == "__main__":\n    sys.exit(main())\n`,
    );
    chmodSync(script, 0o755);
  }
  return dir;
}

/** The base's pip, linked into a venv made --without-pip (as fastVenv does). */
function linkPip(python: string, venv: string): void {
  runCommand(
    [
      python,
      '-c',
      'import os, sys, pip\nsrc = os.path.dirname(os.path.dirname(pip.__file__))\nfor e in os.listdir(src):\n    if e == "pip" or (e.startswith("pip-") and e.endswith(".dist-info")):\n        os.symlink(os.path.join(src, e), os.path.join(sys.argv[1], e))',
      join(venv, 'lib', 'python3.12', 'site-packages'),
    ],
    { env: { PATH: '/usr/bin:/bin' } },
  );
  for (const name of ['pip', 'pip3']) {
    const script = join(venv, 'bin', name);
    writeFileSync(
      script,
      `#!${join(venv, 'bin', 'python')}\nimport sys\nfrom pip._internal.cli.main import main\nif __name__ == "__main__":\n    sys.exit(main())\n`,
    );
    chmodSync(script, 0o755);
  }
}
