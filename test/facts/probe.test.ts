import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PipwardenError } from '../../src/core/errors.js';
import { gatherFacts } from '../../src/io/gather-facts.js';
import { runProbe } from '../../src/io/interpreter/probe.js';
import { hermeticEnv } from '../helpers/env.js';
import { DEBIAN_PYTHON, pyenvPython } from '../helpers/pythons.js';
import { tempDir } from '../helpers/tmp.js';
import { makeVenv, sitePackages } from '../helpers/venv.js';

const VERSIONS_DIR = '/root/.pyenv/versions';

function requirePython(minor: string): string {
  const py = pyenvPython(minor);
  if (py === null) throw new Error(`pyenv Python ${minor} is missing on this machine`);
  return py;
}

async function factsFor(
  python: string,
  home: string,
  extra: Record<string, string | undefined> = {},
) {
  const env = hermeticEnv(home, extra);
  const facts = await gatherFacts({
    tool: { kind: 'python', name: 'python3', path: python },
    env,
    cwd: home,
    pipSubcommand: 'install',
    cacheDir: null,
    exclude: [],
  });
  if (facts.interpreter === null) throw new Error(`no interpreter for ${python}`);
  return facts.interpreter;
}

describe('probe of the machine interpreters', () => {
  // pip's install location for a plain `pip install` on each Python, as pip
  // itself computes it (sysconfig on 3.10+, distutils before).
  test.each([
    ['2.7', [2, 7, 18], '19.2.3', `${VERSIONS_DIR}/2.7.18`, 'lib/python2.7/site-packages'],
    ['3.6', [3, 6, 15], '18.1', `${VERSIONS_DIR}/3.6.15`, 'lib/python3.6/site-packages'],
    ['3.13', [3, 13, 0], '24.2', `${VERSIONS_DIR}/3.13.0`, 'lib/python3.13/site-packages'],
  ])('pyenv %s', async (minor, version, pip, prefix, site) => {
    const python = requirePython(minor);
    const home = tempDir();
    const i = await factsFor(python, home);
    expect(i.version).toEqual(version);
    expect(i.pipVersion).toBe(pip);
    expect(i.prefix).toBe(prefix);
    expect(i.basePrefix).toBe(prefix);
    expect(i.purelib).toBe(join(prefix, site));
    expect(i.platlib).toBe(join(prefix, site));
    expect(i.scripts).toBe(join(prefix, 'bin'));
    expect(i.envKind).toBe('system');
    expect(i.includeSystemSitePackages).toBeNull();
    expect(i.externallyManaged).toBeNull();
    expect(i.sitePackagesWritable).toBe(true); // root owns /root/.pyenv
    expect(i.enableUserSite).toBe(true);
    expect(i.userBase).toBe(join(home, '.local'));
    expect(i.userSite).toBe(join(home, '.local', site));
    expect(i.userScripts).toBe(join(home, '.local', 'bin'));
  });

  test("Debian's python3: /usr/local dist-packages and the EXTERNALLY-MANAGED marker", async () => {
    const home = tempDir();
    const i = await factsFor(DEBIAN_PYTHON, home);
    expect(i.version.slice(0, 2)).toEqual([3, 11]);
    expect(i.pipVersion).toBe('23.0.1');
    expect(i.prefix).toBe('/usr');
    // Debian's posix_local scheme, which pip ≥ 21.3 takes through sysconfig.
    expect(i.purelib).toBe('/usr/local/lib/python3.11/dist-packages');
    expect(i.scripts).toBe('/usr/local/bin');
    expect(i.stdlib).toBe('/usr/lib/python3.11');
    expect(i.externallyManaged).toBe('/usr/lib/python3.11/EXTERNALLY-MANAGED');
    expect(i.envKind).toBe('system');
    expect(i.userSite).toBe(join(home, '.local/lib/python3.11/site-packages'));
  });

  test('the probe path agrees with what pip itself reports for the same interpreter', async () => {
    for (const python of [
      requirePython('3.13'),
      requirePython('3.6'),
      requirePython('2.7'),
      DEBIAN_PYTHON,
    ]) {
      const home = tempDir();
      const env = hermeticEnv(home);
      const probe = await runProbe(python, env);
      // pip's own function, imported from the interpreter's pip.
      const { execFileSync } = await import('node:child_process');
      const code = [
        'import json',
        'try:',
        '    from pip._internal.locations import get_scheme',
        '    s = get_scheme("")',
        '    print(json.dumps([s.purelib, s.platlib, s.scripts]))',
        'except ImportError:',
        '    from pip._internal.locations import distutils_scheme',
        '    s = distutils_scheme("")',
        '    print(json.dumps([s["purelib"], s["platlib"], s["scripts"]]))',
      ].join('\n');
      const out = JSON.parse(
        execFileSync(python, ['-c', code], { env, cwd: home, encoding: 'utf8' }),
      );
      expect([probe.purelib, probe.platlib, probe.scripts], python).toEqual(out);
    }
  });
});

describe('probe of venvs and conda-like prefixes', () => {
  test('a venv reports envKind venv, its own prefix and the base prefix', async () => {
    const base = requirePython('3.12');
    const dir = makeVenv(base, join(tempDir(), 'venv'));
    const i = await factsFor(join(dir, 'bin', 'python'), tempDir());
    expect(i.envKind).toBe('venv');
    expect(i.prefix).toBe(dir);
    expect(i.basePrefix).toBe(`${VERSIONS_DIR}/3.12.1`);
    expect(i.purelib).toBe(sitePackages(dir));
    expect(i.scripts).toBe(join(dir, 'bin'));
    expect(i.includeSystemSitePackages).toBe(false);
    expect(i.enableUserSite).toBe(false); // no-global venv: site.py turns the user site off
    expect(i.executable).toBe(join(dir, 'bin', 'python'));
    expect(i.realpath).toBe(`${VERSIONS_DIR}/3.12.1/bin/python3.12`);
    expect(i.pipVersion).toMatch(/^\d+\./);
  });

  test('a --system-site-packages venv keeps the user site', async () => {
    const dir = makeVenv(requirePython('3.12'), join(tempDir(), 'venv'), {
      systemSitePackages: true,
      withoutPip: true,
    });
    const i = await factsFor(join(dir, 'bin', 'python'), tempDir());
    expect(i.includeSystemSitePackages).toBe(true);
    expect(i.enableUserSite).toBe(true);
  });

  test('a venv of the externally managed python is not externally managed', async () => {
    const dir = makeVenv(DEBIAN_PYTHON, join(tempDir(), 'venv'), { withoutPip: true });
    const i = await factsFor(join(dir, 'bin', 'python3'), tempDir());
    expect(i.externallyManaged).toBeNull();
    expect(i.purelib).toBe(join(dir, 'lib/python3.11/site-packages'));
  });

  test('a --without-pip venv reports pipVersion null', async () => {
    const dir = makeVenv(requirePython('3.13'), join(tempDir(), 'venv'), { withoutPip: true });
    const i = await factsFor(join(dir, 'bin', 'python'), tempDir());
    expect(i.envKind).toBe('venv');
    expect(i.pipVersion).toBeNull();
  });

  test.each([
    ['conda', 'history'],
    ['pixi', 'pixi'],
  ])(
    'a %s-like prefix (conda-meta/%s) reports its kind and its own prefix',
    async (kind, marker) => {
      const dir = makeVenv(requirePython('3.12'), join(tempDir(), 'env'), { withoutPip: true });
      mkdirSync(join(dir, 'conda-meta'), { recursive: true });
      writeFileSync(join(dir, 'conda-meta', marker), '');
      const i = await factsFor(join(dir, 'bin', 'python'), tempDir());
      expect(i.envKind).toBe(kind);
      expect(i.prefix).toBe(dir);
      expect(i.pipVersion).toBeNull();
    },
  );

  test('PYTHONNOUSERSITE and -s/-I are applied live, PYTHONUSERBASE too', async () => {
    const python = requirePython('3.13');
    const home = tempDir();
    expect((await factsFor(python, home, { PYTHONNOUSERSITE: '1' })).enableUserSite).toBe(false);
    expect((await factsFor(python, home, { PYTHONNOUSERSITE: '' })).enableUserSite).toBe(true);
    const base = join(home, 'ub');
    const i = await factsFor(python, home, {
      PYTHONUSERBASE: base,
      PATH: `${join(base, 'bin')}:/usr/bin`,
    });
    expect(i.userBase).toBe(base);
    expect(i.userSite).toBe(join(base, 'lib/python3.13/site-packages'));
    expect(i.userScriptsOnPath).toBe(true);
    const env = hermeticEnv(home, { PYTHONUSERBASE: base, PYTHONNOUSERSITE: '1' });
    const isolated = await gatherFacts({
      tool: { kind: 'python', name: 'python3', path: python },
      env,
      cwd: home,
      pythonFlags: { isolated: false, ignoreEnvironment: true, noUserSite: false },
      cacheDir: null,
      exclude: [],
    });
    // -E: both variables ignored.
    expect(isolated.interpreter?.userBase).toBe(join(home, '.local'));
    expect(isolated.interpreter?.enableUserSite).toBe(true);
    const noUser = await gatherFacts({
      tool: { kind: 'python', name: 'python3', path: python },
      env,
      cwd: home,
      pythonFlags: { isolated: false, ignoreEnvironment: false, noUserSite: true },
      cacheDir: null,
      exclude: [],
    });
    expect(noUser.interpreter?.enableUserSite).toBe(false);
  });

  test('a broken interpreter is a probe error naming the path', async () => {
    const dir = tempDir();
    const fake = join(dir, 'python3');
    writeFileSync(fake, '#!/bin/sh\necho "boom: cannot start" >&2\nexit 3\n', { mode: 0o755 });
    const err = await gatherFacts({
      tool: { kind: 'python', name: 'python3', path: fake },
      env: hermeticEnv(dir),
      cwd: dir,
      cacheDir: null,
      exclude: [],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PipwardenError);
    expect((err as PipwardenError).kind).toBe('probe');
    expect((err as PipwardenError).message).toContain(`${fake}: `);
    expect((err as PipwardenError).message).toContain('boom: cannot start');
    expect((err as PipwardenError).hint).toBeTruthy();
  });
});
