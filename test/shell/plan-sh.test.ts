import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan.js';
import { planToSh } from '../../src/core/render/plan-sh.js';

// The plan's sh, evaluated by real shells the way _pw_engine does: inside a
// function whose "$@" is the user's argv. Kept tokens are "${k}", so only
// the tokens pipwarden adds are quoted by us.

function plan(command: string[], extra: Partial<Plan> = {}): Plan {
  return {
    action: 'rewrite',
    command,
    env: { set: {}, unset: [] },
    before: [],
    notices: [],
    reasons: [],
    invocation: null,
    ...extra,
  } as unknown as Plan;
}

function evalIn(sh: string, text: string, args: string[]): string[] {
  const script = `_pw_exec() { printf '<%s>\\n' "$@"; exit 0; }
_pw_real=/real/pip
f() { eval "$PLAN"; }
f "$@"`;
  const r = spawnSync(sh, ['-c', script, 'sh', ...args], {
    env: { PLAN: text, SHLVL: '1' },
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').slice(0, -1);
}

describe('planToSh', () => {
  const args = ['-qU', 'install', "it's!", '~', '~root', '$(id)', 'a\nb', '', 'x'];
  const next = [
    '/venv/bin/pip',
    '--python',
    '/p y/python',
    '-q',
    'install',
    "it's!",
    '~',
    '~root',
    '$(id)',
    'a\nb',
    '',
    'x',
    '--user',
  ];
  for (const sh of ['/bin/sh', 'bash', 'zsh']) {
    it(`${sh}: inserts and replaces only pipwarden's tokens; the rest are the positional parameters`, () => {
      const text = planToSh(plan(next), { real: '/real/pip', args });
      expect(text).toContain(`"\${3}" "\${4}"`);
      expect(evalIn(sh, text, args).join('\n')).toBe(next.map((a) => `<${a}>`).join('\n'));
    });
  }

  it('execs "$_pw_real" when the command is the real one, and sets env values quoted', () => {
    const text = planToSh(
      plan(['/real/pip', 'install', 'x'], {
        env: { set: { PIP_USER: "0'~" }, unset: ['PIP_TARGET'] },
      }),
      {
        real: '/real/pip',
        args: ['install', 'x'],
      },
    );
    expect(text).toBe(
      `unset PIP_TARGET\nPIP_USER='0'\\''~'; export PIP_USER\n_pw_exec "$_pw_real" "\${1}" "\${2}"\n`,
    );
  });

  it('refuses to rewrite a token whose bytes Node could not decode', () => {
    expect(() =>
      planToSh(plan(['/real/pip', '-q', 'install', 'x']), {
        real: '/real/pip',
        args: ['-qU\uFFFD', 'install', 'x'],
      }),
    ).not.toThrow();
    expect(() =>
      planToSh(plan(['/real/pip', '-qr\uFFFD', 'install', 'x']), {
        real: '/real/pip',
        args: ['-qUr\uFFFD', 'install', 'x'],
      }),
    ).toThrow(/not UTF-8/);
  });
});
