import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathWith, type World, world } from '../engine/fixtures.js';
import { giveToNobody, openForNobody, pipwarden } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON, pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { buildWheel } from '../helpers/wheel.js';

// Two holes the shipped presets had: index-only read only the command line
// (PIP_INDEX_URL, PIP_FIND_LINKS and pip.conf got past it), and venv-only let
// --target, --prefix and --root through on the system Python. Real pip.
const asRoot = process.getuid?.() === 0 && existsSync(DEBIAN_PYTHON);
const notRoot = needs('root and /usr/bin/python3', asRoot);
const py = pyenvPython('3.12');
const noPy = needs('pyenv Python 3.12', py);

function orgWorld(orgConfig: (w: World) => string) {
  const w = world();
  const org = join(w.root, 'etc-pipwarden');
  mkdirSync(org);
  writeFileSync(join(org, 'config.yaml'), orgConfig(w));
  openForNobody(w.root, w.wheels, org);
  mkdirSync(w.home, { recursive: true });
  giveToNobody(w.home);
  return w;
}

const nextLine = (stderr: string) =>
  stderr.split('\n').find((l) => l.startsWith('pipwarden: next:')) ?? '';

/** A file with pwdemo somewhere below `dir`. */
function landedUnder(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((p) =>
    p.endsWith(join('pwdemo', '__init__.py')),
  );
}

describe.skipIf(notRoot || noPy)('index-only judges every URL pip would use', () => {
  // The org's list: its own wheelhouse (w.wheels stands in for it) and PyPI.
  const setup = () => {
    const w = orgWorld(
      (w) =>
        `rules:\n  - name: index-only\n    when: { indexNotIn: ["${w.wheels}", "https://pypi.org/simple"] }\n    action: refuse\n    message: "Acme: approved indexes only"\nlock: [rules]\n`,
    );
    const venv = makeVenv(py as string, join(w.root, 'venv'));
    const other = join(w.root, 'other-wheels');
    mkdirSync(other);
    buildWheel(other);
    // PIP_RETRIES=0: before the fix pip ran and tried the dead index once.
    const env = (extra: Record<string, string> = {}) =>
      w.env({ PATH: pathWith(join(venv, 'bin')), PIP_RETRIES: '0', PIP_TIMEOUT: '1', ...extra });
    return { w, venv, other, env };
  };
  const DEAD = 'http://127.0.0.1:9/simple';

  it('refuses PIP_INDEX_URL, PIP_EXTRA_INDEX_URL (split on whitespace) and PIP_FIND_LINKS, naming each', () => {
    const { w, venv, other, env } = setup();
    const cases: [Record<string, string>, string[], string, string][] = [
      [{ PIP_INDEX_URL: DEAD }, ['--find-links', w.wheels], DEAD, 'PIP_INDEX_URL'],
      [
        { PIP_EXTRA_INDEX_URL: `https://pypi.org/simple\n  ${DEAD}/extra` },
        ['--find-links', w.wheels],
        `${DEAD}/extra`,
        'PIP_EXTRA_INDEX_URL',
      ],
      [{ PIP_FIND_LINKS: other }, ['--no-index'], other, 'PIP_FIND_LINKS'],
    ];
    for (const [vars, args, url, name] of cases) {
      const r = pipwarden(['run', '--', 'pip', 'install', ...args, 'pwdemo'], { env: env(vars) });
      expect(r.status, r.stderr).toBe(77);
      expect(r.stderr).toContain(`refused: ${url} (${name} in the environment)`);
      expect(r.stderr).toContain('Acme: approved indexes only');
      expect(nextLine(r.stderr)).toContain(`unset ${name}`);
      expect(installedIn(venv, 'pwdemo')).toBe(false);
    }
  });

  it('refuses find-links and index-url from pip.conf, also under --isolated (PIP_CONFIG_FILE still counts)', () => {
    const { w, venv, other, env } = setup();
    const conf = join(w.root, 'pip.conf');
    writeFileSync(
      conf,
      `[global]\nindex-url = ${DEAD}\n[install]\nfind-links =\n    ${w.wheels}\n    ${other}\n`,
    );
    for (const pre of [[], ['--isolated']]) {
      const r = pipwarden(['run', '--', 'pip', ...pre, 'install', '--no-index', 'pwdemo'], {
        env: env({ PIP_CONFIG_FILE: conf }),
      });
      expect(r.status, r.stderr).toBe(77);
      expect(r.stderr).toContain(`refused: ${other} (find-links in ${conf} [install])`);
      expect(nextLine(r.stderr)).toContain(`remove find-links from ${conf} [install]`);
      // Without --no-index, the index-url from [global] is the first offender.
      const idx = pipwarden(['run', '--', 'pip', ...pre, 'install', 'pwdemo'], {
        env: env({ PIP_CONFIG_FILE: conf }),
      });
      expect(idx.status, idx.stderr).toBe(77);
      expect(idx.stderr).toContain(`refused: ${DEAD} (index-url in ${conf} [global])`);
    }
    expect(installedIn(venv, 'pwdemo')).toBe(false);
  });

  it('passes what pip would ignore: the index under PIP_NO_INDEX, PIP_FIND_LINKS under --isolated', () => {
    const { w, venv, other, env } = setup();
    const noIndex = pipwarden(['run', '--', 'pip', 'install', '--find-links', w.wheels, 'pwdemo'], {
      env: env({ PIP_INDEX_URL: DEAD, PIP_NO_INDEX: '1' }),
    });
    expect(noIndex.status, noIndex.stderr).toBe(0);
    expect(installedIn(venv, 'pwdemo')).toBe(true);
    const isolated = pipwarden(
      ['run', '--', 'pip', '--isolated', 'install', '--force-reinstall', ...w.installArgs.slice(1)],
      { env: env({ PIP_FIND_LINKS: other }) },
    );
    expect(isolated.status, isolated.stderr).toBe(0);
  });
});

describe.skipIf(notRoot)('venv-only refuses an explicit location outside an env', () => {
  const setup = (org: string) => {
    const w = orgWorld(() => org);
    const out = join(w.root, 'out');
    mkdirSync(out);
    giveToNobody(out);
    return { w, out };
  };

  it('--target, --prefix, --root, PIP_TARGET and pip.conf prefix are refused with the next step', () => {
    const { w, out } = setup('presets: [venv-only]\n');
    const conf = join(w.root, 'pip.conf');
    writeFileSync(conf, `[install]\nprefix = ${join(out, 'conf')}\n`);
    openForNobody(conf);
    const cases: [string[], Record<string, string>, string][] = [
      [['--target', join(out, 't')], {}, `--target ${join(out, 't')}`],
      [['--prefix', join(out, 'p')], {}, `--prefix ${join(out, 'p')}`],
      [['--root', join(out, 'r')], {}, `--root ${join(out, 'r')}`],
      [[], { PIP_TARGET: join(out, 'env') }, 'PIP_TARGET in the environment'],
      [[], { PIP_CONFIG_FILE: conf }, `prefix = ${join(out, 'conf')}`],
    ];
    for (const [args, vars, named] of cases) {
      const r = pipwarden(['run', '--', DEBIAN_PYTHON, '-m', 'pip', ...w.installArgs, ...args], {
        env: w.env({ PATH: pathWith(), ...vars }),
        asNobody: true,
      });
      expect(r.status, r.stderr).toBe(77);
      expect(r.stderr).toContain(named);
      expect(r.stderr).toContain('not with --target, --prefix or --root');
      const next = nextLine(r.stderr);
      expect(next).toContain('drop ');
      expect(next).toContain('-m venv .venv');
    }
    expect(landedUnder(out)).toBe(false);
  });

  it('with no org policy, --prefix on the system Python still passes untouched', () => {
    const { w, out } = setup('notices: true\n');
    const prefix = join(out, 'p');
    const r = pipwarden(
      ['run', '--', DEBIAN_PYTHON, '-m', 'pip', ...w.installArgs, '--prefix', prefix],
      { env: w.env({ PATH: pathWith() }), asNobody: true },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(landedUnder(prefix)).toBe(true);
  });

  it.skipIf(noPy)('inside a venv, venv-only lets --target through', () => {
    const { w, out } = setup('presets: [venv-only]\n');
    const venv = makeVenv(py as string, join(w.root, 'venv'));
    const target = join(out, 't');
    const r = pipwarden(['run', '--', 'pip', ...w.installArgs, '--target', target], {
      env: w.env({ PATH: pathWith(join(venv, 'bin')) }),
    });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(target, 'pwdemo', '__init__.py'))).toBe(true);
  });
});
