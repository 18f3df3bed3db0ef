import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initBash } from '../../src/core/render/init-bash.js';
import { initFish } from '../../src/core/render/init-fish.js';
import { initSh } from '../../src/core/render/init-sh.js';
import { initZsh } from '../../src/core/render/init-zsh.js';
import { pipwarden, ROOT } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { tempDir } from '../helpers/tmp.js';
import { basePython } from './support/world.js';

/** Run a checker; on failure the test shows its output. */
function check(argv: string[]): string {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  if (r.error) throw r.error;
  return r.status === 0 ? 'ok' : `${argv.join(' ')} → ${r.status}\n${r.stdout}${r.stderr}`;
}

const PLAIN = {
  shimDir: '/home/me/.local/share/pipwarden/shims',
  completionsDir: '/opt/pw/completions',
  engine: { node: '/usr/bin/node', main: '/opt/pw/dist/cli/main.js' },
};
const AWKWARD = {
  shimDir: "/tmp/it's a $dir `x`",
  completionsDir: '/opt/pw "c"/completions',
  engine: { node: "/opt/n's $node", main: '/opt/pw "c"/main.js' },
};

describe('lint: shellcheck and syntax checks', () => {
  it('install.sh', () => {
    expect(check(['shellcheck', join(ROOT, 'install.sh')])).toBe('ok');
    expect(check(['sh', '-n', join(ROOT, 'install.sh')])).toBe('ok');
  });

  it('every shim rehash writes, and the reference shims in shims/', () => {
    const dir = tempDir();
    const env = hermeticEnv(join(dir, 'home'), {
      PATH: `${join(dir, 'shims')}:${dirname(basePython())}:/usr/bin:/bin`,
      PIPWARDEN_SHIM_DIR: join(dir, 'shims'),
    });
    expect(pipwarden(['rehash'], { env }).status).toBe(0);
    const shims = readdirSync(join(dir, 'shims'))
      .filter((n) => !n.startsWith('.'))
      .map((n) => join(dir, 'shims', n));
    expect(shims.length).toBeGreaterThan(2);
    for (const f of [...shims, join(ROOT, 'shims', 'pip.sh'), join(ROOT, 'shims', 'python.sh')]) {
      expect(check(['shellcheck', '-s', 'sh', f])).toBe('ok');
      expect(check(['sh', '-n', f])).toBe('ok');
      expect(check(['bash', '-n', f])).toBe('ok');
    }
  });

  it.each([
    ['plain paths', PLAIN, []],
    // SC2016/2089/2090 flag the literal `$dir`, quotes and backticks inside
    // single quotes: a value that looks like code but is not is the point here.
    ['awkward paths', AWKWARD, ['--exclude=SC2016,SC2089,SC2090']],
  ])('init code for each shell, with %s', (_label, opts, exclude) => {
    const dir = tempDir();
    const files: [string, string][] = [
      ['init.bash', initBash(opts)],
      ['init.sh', initSh(opts)],
      ['init.zsh', initZsh(opts)],
      ['init.fish', initFish(opts)],
    ];
    for (const [name, text] of files) writeFileSync(join(dir, name), text);
    expect(check(['shellcheck', ...exclude, '-s', 'bash', join(dir, 'init.bash')])).toBe('ok');
    expect(check(['shellcheck', ...exclude, '-s', 'sh', join(dir, 'init.sh')])).toBe('ok');
    expect(check(['bash', '-n', join(dir, 'init.bash')])).toBe('ok');
    expect(check(['sh', '-n', join(dir, 'init.sh')])).toBe('ok');
    expect(check(['zsh', '-n', join(dir, 'init.zsh')])).toBe('ok');
    expect(check(['fish', '--no-execute', join(dir, 'init.fish')])).toBe('ok');
  });

  it('completion scripts', () => {
    const c = join(ROOT, 'completions');
    expect(check(['shellcheck', '-s', 'bash', join(c, 'pipwarden.bash')])).toBe('ok');
    expect(check(['zsh', '-n', join(c, '_pipwarden')])).toBe('ok');
    expect(check(['fish', '--no-execute', join(c, 'pipwarden.fish')])).toBe('ok');
  });

  it('install.sh is executable and starts with #!/bin/sh', () => {
    expect(readFileSync(join(ROOT, 'install.sh'), 'utf8').startsWith('#!/bin/sh\n')).toBe(true);
    expect(
      execFileSync('sh', ['-c', `[ -x '${join(ROOT, 'install.sh')}' ] && echo yes`], {
        encoding: 'utf8',
      }),
    ).toBe('yes\n');
  });
});
