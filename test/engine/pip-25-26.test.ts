import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { giveToNobody, openForNobody, pipwarden, ROOT, runCommand } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';
import { makeVenv } from '../helpers/venv.js';
import { pathWith, world } from './fixtures.js';

// Real pips 25.3 and 26.2.1, built from pip's tagged source, live beside the
// repo (<repo>/../shared/pip-wheels; from a worktree under <repo>/../wt/ it
// is one level further up).
const WHEELS = [
  join(ROOT, '..', 'shared', 'pip-wheels'),
  join(ROOT, '..', '..', 'shared', 'pip-wheels'),
].find(existsSync);
const wheel = (v: string) => (WHEELS ? join(WHEELS, `pip-${v}-py3-none-any.whl`) : '');
const canSetpriv = process.getuid?.() === 0 && existsSync(DEBIAN_PYTHON);
const skipWhy = !WHEELS
  ? 'pip wheels absent (<repo>/../shared/pip-wheels)'
  : !canSetpriv
    ? 'needs root, setpriv and /usr/bin/python3'
    : '';

// pip 25.3 refuses an explicit --user when site.ENABLE_USER_SITE is false
// ("User site-packages are disabled for this Python"). onNotWritable: user
// must never add --user there: pip alone makes a non-user install (and,
// as nobody on a root-owned venv, fails with a permission error).
describe.skipIf(needs(skipWhy, skipWhy === ''))(
  `pip 25.3 on a site-packages nobody cannot write ${skipWhy}`,
  () => {
    function setup() {
      const w = world();
      openForNobody(w.root, w.wheels);
      const venv = makeVenv(DEBIAN_PYTHON, join(w.root, 'venv'), { systemSitePackages: true });
      execFileSync(
        join(venv, 'bin', 'python'),
        ['-m', 'pip', 'install', '-q', '--no-index', wheel('25.3')],
        {
          env: w.env(),
        },
      );
      mkdirSync(w.home, { recursive: true });
      giveToNobody(w.home);
      return { w, venv };
    }
    const userSite = (home: string) => join(home, '.local', 'lib', 'python3.11', 'site-packages');

    it('user site disabled (PYTHONNOUSERSITE=1): no --user is added; pip fails as it would alone', () => {
      const { w, venv } = setup();
      const env = w.env({
        PATH: pathWith(join(venv, 'bin')),
        VIRTUAL_ENV: venv,
        PYTHONNOUSERSITE: '1',
      });
      expect(runCommand(['pip', '--version'], { env }).stdout).toMatch(/^pip 25\.3 /);
      const direct = runCommand(['pip', ...w.installArgs], { env, asNobody: true });
      expect(direct.status).not.toBe(0);
      const plan = JSON.parse(
        pipwarden(['explain', '--json', '--', 'pip', ...w.installArgs], { env, asNobody: true })
          .stdout,
      );
      expect(plan.action).toBe('pass');
      expect(plan.command).not.toContain('--user');
      const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env, asNobody: true });
      expect(r.status).toBe(direct.status);
      expect(r.stderr).not.toContain('User site-packages are disabled');
      expect(existsSync(join(userSite(w.home), 'pwdemo'))).toBe(false);
    });

    it('user site enabled: the explicit --user pipwarden adds is accepted by pip 25.3', () => {
      const { w, venv } = setup();
      const env = w.env({ PATH: pathWith(join(venv, 'bin')), VIRTUAL_ENV: venv });
      const r = pipwarden(['run', '--', 'pip', ...w.installArgs], { env, asNobody: true });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('installing with --user');
      expect(existsSync(join(userSite(w.home), 'pwdemo', '__init__.py'))).toBe(true);
      rmSync(join(w.home, '.local'), { recursive: true, force: true });
    });
  },
);

// Not covered here: pip 26.2 dropped legacy (pre-PEP 405, sys.real_prefix)
// virtualenv detection; making such an env needs virtualenv < 20, which this
// machine does not have offline.
