// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings here are shell scripts
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isShimName } from '../../src/core/call.js';
import { pipwarden, ROOT } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { tempDir } from '../helpers/tmp.js';

// `pipwarden init <shell>` run in the real shells, non-interactively: the
// hook is called by hand here (the tmux tests show the prompt calling it).

interface Setup {
  dir: string;
  shims: string;
  /** The dir init appends to PATH for the `pipwarden` command. */
  bin: string;
  env: Record<string, string>;
  /** Path of a file holding `pipwarden init <shell>`'s output. */
  init: (shell: string) => string;
}

function setup(): Setup {
  const dir = tempDir('pipwarden-init-');
  const shims = join(dir, 'shim dir');
  mkdirSync(shims);
  writeFileSync(join(shims, '.pipwarden-shims'), '');
  // A main shim (a stand-in) for every pip and python name on the PATHs used
  // here, as rehash would write: else the hook's follow step gives each one a
  // follow shim (test/shell/follow-hook.test.ts), which is not what these test.
  for (const d of ['/usr/bin', '/bin']) {
    for (const n of readdirSync(d)) if (isShimName(n)) writeFileSync(join(shims, n), '');
  }
  const env = hermeticEnv(join(dir, 'home'), { PIPWARDEN_SHIM_DIR: shims, PATH: '/usr/bin:/bin' });
  return {
    dir,
    shims,
    bin: join(dir, 'home', '.local', 'share', 'pipwarden', 'bin'),
    env,
    init: (shell) => {
      const r = pipwarden(['init', shell], { env });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const file = join(dir, `init.${shell}`);
      writeFileSync(file, r.stdout);
      return file;
    },
  };
}

function sh(argv: string[], env: Record<string, string>): string {
  const r = spawnSync(argv[0]!, argv.slice(1), { env, encoding: 'utf8' });
  if (r.error) throw r.error;
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

const START = '/venv/bin:/usr/bin:/bin';

describe.each([
  ['bash', ['bash', '--norc', '--noprofile', '-c'], '. "$INIT"'],
  ['zsh', ['zsh', '-f', '-c'], '. "$INIT"'],
  ['sh', ['sh', '-c'], '. "$INIT"'],
  ['fish', ['fish', '--no-config', '-c'], 'source $INIT'],
])('pipwarden init %s', (shell, argv, source) => {
  const echoPath = shell === 'fish' ? 'string join : $PATH' : 'echo "$PATH"';
  const status = shell === 'fish' ? '$status' : '$?';
  const setPath = (v: string) =>
    shell === 'fish' ? `set -gx PATH ${v.split(':').join(' ')}` : `PATH=${v}`;

  it('puts the shim dir first once, even when PATH already lists it elsewhere, and again after re-sourcing', () => {
    const s = setup();
    const script = [
      setPath(
        `/venv/bin:${s.shims.replace(' ', '\\ ')}:/usr/bin:${s.shims.replace(' ', '\\ ')}:/bin`,
      ),
      source,
      echoPath,
      source,
      echoPath,
    ].join('\n');
    const out = sh([...argv, script], { ...s.env, INIT: s.init(shell) });
    // pipwarden is a command after the first: the bin dir goes on only once, at the end.
    expect(out).toBe(`${s.shims}:${START}:${s.bin}\n${s.shims}:${START}:${s.bin}\n`);
  });

  it('the hook puts the shim dir back in front after an activate, and keeps the exit status', () => {
    const s = setup();
    const script = [
      source,
      setPath(`/conda/bin:${shell === 'fish' ? '$PATH' : '$PATH'}`),
      'false',
      '__pipwarden_path',
      `echo "status ${status}"`,
      echoPath,
    ].join('\n');
    const out = sh([...argv, script], { ...s.env, PATH: START, INIT: s.init(shell) });
    expect(out).toBe(`status 1\n${s.shims}:/conda/bin:${START}:${s.bin}\n`);
  });
});

describe('prompt hooks are registered once', () => {
  it('bash: PROMPT_COMMAND as a string (ending in ;) or as an array', () => {
    const s = setup();
    const init = s.init('bash');
    const script = [
      "PROMPT_COMMAND='echo before;'",
      '. "$INIT"; . "$INIT"',
      'printf "[%s]\\n" "$PROMPT_COMMAND"',
      'eval "$PROMPT_COMMAND"',
      'unset PROMPT_COMMAND; PROMPT_COMMAND=(a b)',
      '. "$INIT"; . "$INIT"',
      'printf "<%s>" "${PROMPT_COMMAND[@]}"; echo',
      'complete -p pipwarden',
    ].join('\n');
    const out = sh(['bash', '--norc', '--noprofile', '-c', script], { ...s.env, INIT: init });
    expect(out).toBe(
      '[echo before;\n__pipwarden_path]\nbefore\n<a><b><__pipwarden_path>\ncomplete -o filenames -F _pipwarden pipwarden\n',
    );
  });

  it('zsh: one precmd hook', () => {
    const s = setup();
    const out = sh(['zsh', '-f', '-c', '. "$INIT"; . "$INIT"; print -r -- $precmd_functions'], {
      ...s.env,
      INIT: s.init('zsh'),
    });
    expect(out).toBe('__pipwarden_path\n');
  });

  it('fish: one fish_prompt handler', () => {
    const s = setup();
    const out = sh(
      [
        'fish',
        '--no-config',
        '-c',
        'source $INIT; source $INIT; functions --handlers-type generic | string match -e pipwarden',
      ],
      { ...s.env, INIT: s.init('fish') },
    );
    expect(out).toBe('fish_prompt __pipwarden_path\n');
  });
});

describe('completion for pipwarden itself', () => {
  const bashComplete = (words: string[]) => {
    const s = setup();
    const script = [
      '. "$INIT"',
      `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
      'COMP_CWORD=$((${#COMP_WORDS[@]} - 1))',
      '_pipwarden',
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n');
    return sh(['bash', '--norc', '--noprofile', '-c', script], { ...s.env, INIT: s.init('bash') })
      .trim()
      .split('\n');
  };

  it.each([
    [
      ['pipwarden', ''],
      [
        'explain',
        'run',
        'init',
        'rehash',
        'completion',
        'config',
        'doctor',
        'user',
        'trust',
        'setup',
        'org',
        '--help',
        '--version',
      ],
    ],
    [['pipwarden', 'ex'], ['explain']],
    [
      ['pipwarden', 'explain', ''],
      ['--json', '--set', '--'],
    ],
    [
      ['pipwarden', 'explain', '--json', '--', 'py'],
      ['python', 'python3'],
    ],
    [
      ['pipwarden', 'init', ''],
      ['--write', '--ci', 'bash', 'zsh', 'fish', 'sh'],
    ],
    [['pipwarden', 'completion', 'f'], ['fish']],
    [
      ['pipwarden', 'rehash', '--'],
      ['--dir', '--remove', '--follow'],
    ],
    [
      ['pipwarden', 'config', ''],
      ['--json', 'validate'],
    ],
    [['pipwarden', 'config', 'validate', '--s'], ['--strict']],
  ])('bash: %j → %j', (words, expected) => {
    expect(bashComplete(words)).toEqual(expected);
  });

  it.each([
    [
      'pipwarden ',
      [
        'completion',
        'config',
        'doctor',
        'explain',
        'init',
        'org',
        'rehash',
        'run',
        'setup',
        'trust',
        'user',
      ],
    ],
    ['pipwarden init ', ['bash', 'fish', 'sh', 'zsh']],
    ['pipwarden completion ', ['bash', 'fish', 'zsh']],
    ['pipwarden explain --', ['--', '--json', '--set']],
    ['pipwarden rehash --', ['--dir', '--follow', '--remove']],
    ['pipwarden run -- p', ['pip', 'pip3', 'python', 'python3']],
  ])('fish: %j → %j', (line, expected) => {
    const s = setup();
    const out = sh(['fish', '--no-config', '-c', `source $INIT; complete -C '${line}'`], {
      ...s.env,
      INIT: s.init('fish'),
    });
    const words = out
      .trim()
      .split('\n')
      .map((l) => l.split('\t')[0]!)
      .filter((w) => !w.startsWith('-') || line.endsWith('-') || line.endsWith('--'))
      .sort();
    expect(words).toEqual(expected);
  });

  it('pipwarden completion <shell> prints the files in completions/', () => {
    const s = setup();
    for (const [shell, file] of [
      ['bash', 'pipwarden.bash'],
      ['zsh', '_pipwarden'],
      ['fish', 'pipwarden.fish'],
    ]) {
      const r = pipwarden(['completion', shell!], { env: s.env });
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(readFileSync(join(ROOT, 'completions', file!), 'utf8'));
    }
    expect(pipwarden(['completion', 'tcsh'], { env: s.env }).status).toBe(64);
  });
});

describe('pipwarden init errors and hints', () => {
  it('asks for a shell it knows', () => {
    const s = setup();
    for (const args of [['init'], ['init', 'tcsh'], ['init', 'bash', 'zsh']]) {
      const r = pipwarden(args, { env: s.env });
      expect(r.status).toBe(64);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/init: expected one of bash, zsh, fish, sh/);
    }
  });

  it('makes the shims when there are none, as pyenv init does, saying so in one line', () => {
    const s = setup();
    const env = { ...s.env, PIPWARDEN_SHIM_DIR: join(s.dir, 'none-yet') };
    const r = pipwarden(['init', 'zsh'], { env });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('__pipwarden_path');
    expect(r.stderr).toMatch(/^pipwarden: init: wrote \d+ shims in .*none-yet .*\n$/);
    // /usr/bin has python3: its shim is there, and routes.
    expect(readFileSync(join(s.dir, 'none-yet', 'python3'), 'utf8')).toMatch(/^#!\/bin\/sh\n/);
    // Once made, init is quiet.
    expect(pipwarden(['init', 'zsh'], { env }).stderr).toBe('');
  });

  it('says in one line, and still prints the code, when the shims cannot be made', () => {
    const s = setup();
    writeFileSync(join(s.dir, 'a-file'), '');
    const env = { ...s.env, PIPWARDEN_SHIM_DIR: join(s.dir, 'a-file', 'shims') };
    const r = pipwarden(['init', 'bash'], { env });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('__pipwarden_path');
    expect(r.stderr).toMatch(
      /^pipwarden: init: no shims in .*a-file\/shims, so pip is not routed through pipwarden: .*\npipwarden: next: .*\n$/,
    );
  });
});
