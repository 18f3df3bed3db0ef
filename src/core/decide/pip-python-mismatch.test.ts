import { describe, expect, it } from 'vitest';
import { decideArgv, factsOf, interpAt } from '../../../test/helpers/core-facts.js';
import { classifyCall } from '../call.js';
import { merge } from '../config/merge.js';
import type { PartialConfig } from '../config/types.js';
import type { Facts, Importer, InterpreterFacts } from '../facts.js';
import { decide } from './decide.js';

// onPipPythonMismatch, decided from hand-built facts: which action runs
// what, and where the rule stands against an active env and a kernel.
// test/engine/pip-python-mismatch.test.ts and jupyter-kernel.test.ts run
// the real thing.

const interp = (prefix: string, minor: number, over: Partial<InterpreterFacts> = {}) =>
  interpAt(prefix, minor, { userScriptsOnPath: true, ...over });

const PIP = interp('/usr/local', 11);
const PY3 = interp('/opt/py', 12);

const facts = (over: Partial<Facts> = {}, importer: Partial<Importer> = {}): Facts =>
  factsOf(PIP, {
    importer: { via: 'path', name: 'python3', interpreter: PY3, ...importer },
    ...over,
  });

const run = (f: Facts, values: PartialConfig = {}, cmd = 'pip install x') =>
  decideArgv(cmd.split(' '), f, values);

const rule = (action: 'python' | 'warn' | 'pip' | 'refuse' | 'prompt') => ({
  onPipPythonMismatch: { action, message: null },
});

describe('onPipPythonMismatch', () => {
  it("python (the default): runs python3's interpreter with -m pip, and says so in one line", () => {
    const p = run(facts());
    expect(p.action).toBe('rewrite');
    if (p.action !== 'rewrite') return;
    expect(p.command).toEqual(['/opt/py/bin/python3.12', '-m', 'pip', 'install', 'x']);
    expect(p.notices.map((n) => n.text)).toEqual([
      "pip is Python 3.11 (/usr/local/bin/python3.11)'s, but python3 is Python 3.12 (/opt/py/bin/python3.12): installing for python3 into /opt/py (/opt/py/bin/python3.12 -m pip)",
    ]);
  });

  it('python, when python3 has no pip: pip --python with pip ≥ 22.3, a warning with an older pip', () => {
    const pipless = { interpreter: { ...PY3, pipVersion: null } };
    const p = run(facts({}, pipless));
    expect(p.action === 'rewrite' && p.command).toEqual([
      '/usr/local/bin/pip',
      '--python',
      '/opt/py/bin/python3.12',
      'install',
      'x',
    ]);
    const old = run(facts({ interpreter: { ...PIP, pipVersion: '22.0' } }, pipless));
    expect(old.action).toBe('pass');
    expect(old.notices.map((n) => n.text)).toEqual([
      "pip is Python 3.11 (/usr/local/bin/python3.11)'s, but python3 is Python 3.12 (/opt/py/bin/python3.12): installing into /usr/local, pip's own, not for python3 (python3 has no pip, and this pip is older than 22.3)",
    ]);
  });

  it('python never sends pip where it would refuse what it completes here (PEP 668)', () => {
    const em = {
      interpreter: { ...PY3, externallyManaged: '/opt/py/lib/python3.12/EXTERNALLY-MANAGED' },
    };
    const p = run(facts({}, em));
    expect(p.action).toBe('pass');
    expect(p.notices[0]?.text).toMatch(
      /not for python3 \(python3 is externally managed, PEP 668\)$/,
    );
  });

  it('the situations after it judge the importer: an org venv-only policy still refuses', () => {
    const p = run(facts(), { onNoEnv: { action: 'refuse', message: null } });
    expect(p.action).toBe('refuse');
  });

  it('warn runs pip as typed, pip says nothing, refuse exits with the steps', () => {
    const warned = run(facts(), rule('warn'));
    expect(warned.action).toBe('pass');
    expect(warned.notices).toHaveLength(1);
    expect(warned.notices[0]?.level).toBe('warning');
    const quiet = run(facts(), rule('pip'));
    expect(quiet.action).toBe('pass');
    expect(quiet.notices).toEqual([]);
    const refused = run(facts(), rule('refuse'));
    expect(refused.action).toBe('refuse');
    expect(refused.notices.at(-1)?.text).toBe(
      'next: python3 -m pip install …, or set onPipPythonMismatch: python',
    );
  });

  it('prompt asks which interpreter; off a terminal promptDefault: python answers it', () => {
    const asked = run(facts(), rule('prompt'));
    expect(asked.action).toBe('ask');
    if (asked.action !== 'ask') return;
    expect(asked.offers.map((o) => o.choice)).toEqual(['python', 'pip', 'cancel']);
    const call = classifyCall('pip', ['install', 'x']);
    if (!call) throw new Error('pip');
    const config = merge([{ level: 'user', file: '/c.yaml', values: rule('prompt') }]);
    const answered = decide(call, facts(), config, {
      situation: 'pipPythonMismatch',
      choice: 'python',
      how: 'default-no-tty',
      dir: '/p',
      from: '/c.yaml',
    });
    expect(answered.action === 'rewrite' && answered.command[0]).toBe('/opt/py/bin/python3.12');
  });

  it('an active env is onForeignEnv’s: not consulted; in a Jupyter kernel the kernel wins over the env', () => {
    const env = {
      kind: 'venv' as const,
      prefix: '/srv/venv',
      source: 'VIRTUAL_ENV',
      python: '/srv/venv/bin/python',
      pip: '/srv/venv/bin/pip',
      isCondaBase: false,
    };
    const withEnv = run(facts({ activeEnv: env }));
    expect(withEnv.reasons.map((r) => r.situation)).not.toContain('pipPythonMismatch');
    const kernel = run(
      facts({ activeEnv: env, jupyterKernel: 42 }, { via: 'kernel', name: '/k/bin/python' }),
    );
    expect(kernel.action === 'rewrite' && kernel.command[0]).toBe('/opt/py/bin/python3.12');
    expect(kernel.notices[0]?.text).toMatch(
      /this Jupyter kernel is Python 3\.12 .*: installing for the kernel into \/opt\/py .*; %pip install always installs into the kernel$/,
    );
  });

  it('a versioned pip the importer does not match is the version the user chose', () => {
    const f = facts({ tool: { kind: 'pip', name: 'pip3.11', path: '/usr/local/bin/pip3.11' } });
    expect(run(f, {}, 'pip3.11 install x').action).toBe('pass');
    expect(run(f, {}, 'pip3.11 install x').notices).toEqual([]);
  });

  it('announce: true names the target after the redirect', () => {
    const p = run(facts(), { announce: true });
    expect(p.notices.at(-1)?.text).toBe('pip install → /opt/py (Python 3.12)');
    const user = run(
      facts({ importer: null }),
      { announce: true, notices: false },
      'pip install --user x',
    );
    expect(user.notices.map((n) => n.text)).toEqual([
      'pip install → the user site /home/u/.local/lib/python3.11/site-packages (Python 3.11)',
    ]);
  });
});
