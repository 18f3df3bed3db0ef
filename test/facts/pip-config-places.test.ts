import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipConfigFiles } from '../../src/io/pip-config/pip-config-files.js';
import { pipWheel } from '../helpers/pip-wheels.js';
import { pyenvPython } from '../helpers/pythons.js';
import { tempDir } from '../helpers/tmp.js';

// Defect 4 of issue 16: which pip.conf files pip reads, asked of each real pip
// in-process (its own Configuration.iter_config_files, and the os.devnull
// test of _load_config_files) and compared with what pipwarden believes, for
// XDG_CONFIG_DIRS / XDG_CONFIG_HOME / HOME values with `~`, `~user`, relative
// paths, empty entries, blanks and trailing colons. pip 18 computes its paths
// when pip._internal.locations is imported, so each case reloads the modules.
const ORACLE = `
import sys, os, json
if sys.argv[1]:
    sys.path.insert(0, sys.argv[1])
import pip
from pip._internal import configuration, locations
try:
    from importlib import reload
except ImportError:
    pass
cases = json.loads(sys.stdin.read())
out = []
for case in cases:
    for k in ('HOME', 'XDG_CONFIG_DIRS', 'XDG_CONFIG_HOME', 'PIP_CONFIG_FILE'):
        os.environ.pop(k, None)
    for k, v in case['env'].items():
        if v is not None:
            os.environ[k] = v
    reload(locations)
    reload(configuration)
    c = configuration.Configuration(isolated=case['isolated'])
    it = getattr(c, 'iter_config_files', None) or c._iter_config_files
    files = dict((str(k), list(v)) for k, v in it())
    skipped = files.get('env', [])[0:1] == [os.devnull]
    venv = sys.prefix != getattr(sys, 'base_prefix', sys.prefix) or hasattr(sys, 'real_prefix')
    out.append({'files': files, 'skipped': skipped, 'prefix': sys.prefix, 'venv': venv})
print(json.dumps({'version': pip.__version__, 'results': out}))
`;

interface Case {
  name: string;
  env: Record<string, string | null>;
  isolated?: boolean;
}

function cases(home: string, conf: string): Case[] {
  return [
    { name: 'defaults', env: {} },
    { name: 'XDG_CONFIG_DIRS=~/xdg', env: { XDG_CONFIG_DIRS: '~/xdg' } },
    { name: 'XDG_CONFIG_DIRS=~/xdg:/etc/xdg', env: { XDG_CONFIG_DIRS: '~/xdg:/etc/xdg' } },
    { name: 'XDG_CONFIG_DIRS=~', env: { XDG_CONFIG_DIRS: '~' } },
    { name: 'XDG_CONFIG_DIRS=~root/xdg', env: { XDG_CONFIG_DIRS: '~root/xdg' } },
    { name: 'XDG_CONFIG_DIRS=~nosuchuser/x', env: { XDG_CONFIG_DIRS: '~nosuchuser/x' } },
    { name: 'XDG_CONFIG_DIRS empty', env: { XDG_CONFIG_DIRS: '' } },
    { name: 'XDG_CONFIG_DIRS blank', env: { XDG_CONFIG_DIRS: ' ' } },
    { name: 'XDG_CONFIG_DIRS relative, empty entry, slash', env: { XDG_CONFIG_DIRS: 'rel::/b/' } },
    { name: 'XDG_CONFIG_DIRS trailing colon', env: { XDG_CONFIG_DIRS: '/x:' } },
    { name: 'XDG_CONFIG_DIRS leading colon', env: { XDG_CONFIG_DIRS: ':/x' } },
    { name: 'XDG_CONFIG_DIRS padded', env: { XDG_CONFIG_DIRS: ' /a : /b ' } },
    { name: 'XDG_CONFIG_HOME=~/cfg', env: { XDG_CONFIG_HOME: '~/cfg' } },
    { name: 'XDG_CONFIG_HOME empty', env: { XDG_CONFIG_HOME: '' } },
    { name: 'XDG_CONFIG_HOME blank', env: { XDG_CONFIG_HOME: '  ' } },
    { name: 'XDG_CONFIG_HOME relative', env: { XDG_CONFIG_HOME: 'rel' } },
    { name: 'XDG_CONFIG_HOME padded', env: { XDG_CONFIG_HOME: ' /c ' } },
    { name: 'HOME unset', env: { HOME: null, XDG_CONFIG_DIRS: '~/xdg' } },
    { name: 'HOME=/', env: { HOME: '/', XDG_CONFIG_DIRS: '~/xdg' } },
    { name: 'HOME empty', env: { HOME: '', XDG_CONFIG_DIRS: '~/xdg' } },
    { name: 'HOME with a trailing slash', env: { HOME: `${home}/`, XDG_CONFIG_DIRS: '~/xdg' } },
    { name: 'PIP_CONFIG_FILE=/dev/null', env: { PIP_CONFIG_FILE: '/dev/null' } },
    { name: 'PIP_CONFIG_FILE existing', env: { PIP_CONFIG_FILE: conf } },
    { name: 'PIP_CONFIG_FILE relative existing', env: { PIP_CONFIG_FILE: 'here.conf' } },
    { name: 'PIP_CONFIG_FILE missing', env: { PIP_CONFIG_FILE: '/nonexistent/pip.conf' } },
    { name: 'PIP_CONFIG_FILE empty', env: { PIP_CONFIG_FILE: '' } },
    { name: '--isolated', env: { XDG_CONFIG_DIRS: '~/xdg' }, isolated: true },
  ];
}

interface Pip {
  label: string;
  python: string;
  /** A wheel put first on sys.path (pip runs from a zip), or '' for the interpreter's own pip. */
  wheel: string;
}

function pips(): { pips: Pip[]; missing: string[] } {
  const out: Pip[] = [];
  const missing: string[] = [];
  for (const minor of ['3.6', '2.7', '3.7', '3.8', '3.11', '3.13']) {
    const python = pyenvPython(minor);
    if (python) out.push({ label: `pyenv ${minor}'s pip`, python, wheel: '' });
    else missing.push(`pyenv ${minor}`);
  }
  const py312 = pyenvPython('3.12');
  for (const v of ['25.1.1', '25.3', '26.2.1']) {
    const { wheel, why } = pipWheel(v);
    if (wheel && py312) out.push({ label: `pip ${v}`, python: py312, wheel });
    else missing.push(why || 'pyenv 3.12');
  }
  return { pips: out, missing };
}

const found = pips();
const skipWhy = found.missing.length > 0 ? `missing: ${found.missing.join(', ')}` : '';
if (skipWhy && process.env.CI === 'true') throw new Error(`pip-config-places: ${skipWhy}`);
if (skipWhy) console.warn(`pip-config-places: some pips skipped (${skipWhy})`);

describe('the pip.conf files pipwarden sees are the ones each real pip reads', () => {
  for (const pip of found.pips) {
    it(pip.label, () => {
      const root = tempDir();
      const home = join(root, 'home');
      const cwd = join(root, 'cwd');
      mkdirSync(home);
      mkdirSync(cwd);
      const conf = join(root, 'env.conf');
      writeFileSync(conf, '[global]\n');
      writeFileSync(join(cwd, 'here.conf'), '[global]\n');
      const all = cases(home, conf);
      const input = JSON.stringify(
        all.map((c) => ({ env: { HOME: home, ...c.env }, isolated: !!c.isolated })),
      );
      const out = execFileSync(pip.python, ['-E', '-c', ORACLE, pip.wheel], {
        input,
        cwd,
        encoding: 'utf8',
        env: { PATH: '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1' },
      });
      const { version, results } = JSON.parse(out) as {
        version: string;
        results: {
          files: Record<string, string[]>;
          skipped: boolean;
          prefix: string;
          venv: boolean;
        }[];
      };
      for (const [i, c] of all.entries()) {
        const r = results[i]!;
        const real = r.skipped
          ? []
          : (['global', 'user', 'venv', 'site', 'env'] as const).flatMap((k) =>
              (r.files[k] ?? []).map((p) => [p, k === 'venv' ? 'site' : k]),
            );
        const env: Record<string, string> = { HOME: home };
        for (const [k, v] of Object.entries(c.env)) {
          if (v === null) delete env[k];
          else env[k] = v;
        }
        const ours = pipConfigFiles({
          env,
          cwd,
          isolated: !!c.isolated,
          sysPrefix: r.prefix,
          inVirtualenv: r.venv,
          pipVersion: version,
        }).map((f) => [f.path, f.variant]);
        expect(ours, `pip ${version}, ${c.name}`).toEqual(real);
      }
    });
  }
});
