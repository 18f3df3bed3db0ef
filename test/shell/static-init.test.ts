import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCommand } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { tempDir } from '../helpers/tmp.js';

// The static files the rc line sources instead of starting Node: written
// by rehash and init, correct or refused (status 1) for every input that
// could make them stale. A copy of the package, so its package.json and
// main.js can change as an upgrade or a rebuild would change them.

type Shell = 'bash' | 'zsh' | 'fish';
const SHELLS: Shell[] = ['bash', 'zsh', 'fish'];

function world() {
  const root = tempDir('pipwarden-static-');
  const pkg = join(root, 'pkg');
  mkdirSync(pkg);
  for (const f of ['package.json', 'dist', 'completions']) {
    cpSync(join(ROOT, f), join(pkg, f), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
  const home = join(root, 'home');
  const data = join(home, '.local', 'share', 'pipwarden');
  const env = hermeticEnv(home, { PATH: '/usr/bin:/bin' });
  const main = join(pkg, 'dist', 'cli', 'main.js');
  /** What the shims and the static files run: the bundle. */
  const engine = join(pkg, 'dist', 'bundle', 'main.js');
  const cli = (args: string[], extra: Record<string, string> = {}) =>
    runCommand([process.execPath, main, ...args], { env: { ...env, ...extra } });
  const file = (shell: Shell) => join(data, 'init', `init.${shell}`);
  /** Source the static file in `shell`; its status, PATH, and whether pipwarden is a command. */
  const source = (shell: Shell, extra: Record<string, string> = {}) => {
    const script =
      shell === 'fish'
        ? 'source $F; echo "status=$status"; string join : $PATH; command -v pipwarden'
        : '. "$F"; echo "status=$?"; echo "$PATH"; command -v pipwarden';
    const argv =
      shell === 'fish'
        ? ['fish', '--no-config', '-c', script]
        : shell === 'zsh'
          ? ['zsh', '-f', '-c', script]
          : ['bash', '--norc', '--noprofile', '-c', script];
    const r = runCommand(argv, { env: { ...env, F: file(shell), ...extra } });
    expect(r.stderr).toBe('');
    return r.stdout;
  };
  return {
    root,
    pkg,
    home,
    data,
    env,
    main,
    engine,
    cli,
    file,
    source,
    shims: join(data, 'shims'),
  };
}

const fresh = (w: ReturnType<typeof world>) =>
  `status=0\n${w.shims}:/usr/bin:/bin:${w.data}/bin\n${w.data}/bin/pipwarden\n`;

describe('static init files', () => {
  it('rehash writes one per shell and the pipwarden command; each does what init prints', () => {
    const w = world();
    expect(w.cli(['rehash']).status).toBe(0);
    for (const shell of SHELLS) {
      expect({ shell, out: w.source(shell) }).toEqual({ shell, out: fresh(w) });
      // The same code init prints, behind the guard.
      const printed = w.cli(['init', shell]).stdout;
      expect(readFileSync(w.file(shell), 'utf8')).toContain(printed.trimEnd());
    }
    const r = runCommand([join(w.data, 'bin', 'pipwarden'), '--version'], { env: w.env });
    expect(r.stdout).toMatch(/^pipwarden \d+\.\d+\.\d+/);
  });

  it('sourcing it in bash starts no process at all', () => {
    const w = world();
    expect(w.cli(['rehash']).status).toBe(0);
    const log = join(w.root, 'strace');
    const r = spawnSync(
      'strace',
      [
        '-f',
        '-qq',
        '-e',
        'trace=execve,fork,vfork,clone,clone3',
        '-o',
        log,
        'bash',
        '--norc',
        '-c',
        '. "$F"',
      ],
      { env: { ...w.env, F: w.file('bash') } },
    );
    expect(r.status).toBe(0);
    const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/execve\("\/usr\/bin\/bash"/);
  });

  it.each(SHELLS)('%s: stale for each input, and init makes it fresh again', (shell) => {
    const w = world();
    expect(w.cli(['rehash']).status).toBe(0);
    expect(w.source(shell)).toBe(fresh(w));
    const stale = (extra: Record<string, string> = {}) =>
      expect(w.source(shell, extra)).toMatch(/^status=1\n/);
    const refresh = () => {
      expect(w.cli(['init', shell]).status).toBe(0);
      expect(w.source(shell)).toBe(fresh(w));
    };

    // An upgrade: package.json names another version.
    const pkgJson = join(w.pkg, 'package.json');
    const original = readFileSync(pkgJson, 'utf8');
    writeFileSync(pkgJson, original.replace(/"version": "[^"]+"/, '"version": "99.0.0"'));
    stale();
    refresh();
    writeFileSync(pkgJson, original);
    stale();
    refresh();

    // A rebuild: main.js newer than the file.
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(w.file(shell), earlier, earlier);
    stale();
    refresh();

    // The variables the shim dir comes from.
    stale({ PIPWARDEN_SHIM_DIR: join(w.root, 'elsewhere') });
    stale({ XDG_DATA_HOME: join(w.root, 'data') });
    stale({ HOME: join(w.root, 'other-home') });

    // The shim dir gone (moved, or removed by hand).
    rmSync(w.shims, { recursive: true });
    stale();
    refresh();
    expect(existsSync(join(w.shims, '.pipwarden-shims'))).toBe(true);

    // pipwarden gone: stale, and the rc line's fallback finds nothing to run.
    rmSync(w.engine);
    stale();
  });

  it("install.sh's rc line falls back to pipwarden init when the file is stale, which rewrites it", () => {
    const w = world();
    expect(w.cli(['rehash']).status).toBe(0);
    const link = join(w.root, 'pipwarden');
    writeFileSync(link, `#!/bin/sh\nexec '${process.execPath}' '${w.main}' "$@"\n`, {
      mode: 0o755,
    });
    const f = w.file('bash');
    const line = `if [ -r '${f}' ] && . '${f}'; then :; elif [ -x '${link}' ]; then eval "$('${link}' init bash)"; fi`;
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(f, earlier, earlier);
    expect(w.source('bash')).toMatch(/^status=1\n/);
    const r = runCommand(['bash', '--norc', '--noprofile', '-c', `${line}\necho "$PATH"`], {
      env: w.env,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${w.shims}:/usr/bin:/bin:${w.data}/bin\n`);
    expect(w.source('bash')).toBe(fresh(w));
  });

  it('rehash still writes the shims when the static files cannot be written, and says so in one line', () => {
    const w = world();
    writeFileSync(join(w.root, 'a-file'), '');
    const r = w.cli(['rehash'], {
      XDG_DATA_HOME: join(w.root, 'a-file'),
      PIPWARDEN_SHIM_DIR: w.shims,
    });
    expect(r.status).toBe(0);
    expect(existsSync(join(w.shims, 'python3'))).toBe(true);
    expect(r.stderr).toMatch(
      /^pipwarden: rehash: could not write the static init files \(ENOTDIR\), .*\npipwarden: next: .*\n$/,
    );
  });

  it('init --write writes the static files and prints their paths', () => {
    const w = world();
    expect(w.cli(['rehash']).status).toBe(0);
    for (const shell of SHELLS) rmSync(w.file(shell));
    const r = w.cli(['init', '--write']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${SHELLS.map(w.file).join('\n')}\n`);
    for (const shell of SHELLS) expect(w.source(shell)).toBe(fresh(w));
    expect(w.cli(['init', '--write', 'tcsh']).status).toBe(64);
  });

  it('rehash --remove takes the static files and the command away', () => {
    const w = world();
    expect(w.cli(['rehash']).status).toBe(0);
    expect(w.cli(['rehash', '--remove']).status).toBe(0);
    for (const shell of SHELLS) expect(existsSync(w.file(shell))).toBe(false);
    expect(existsSync(join(w.data, 'bin'))).toBe(false);
    expect(existsSync(join(w.data, 'init'))).toBe(false);
  });

  it('pass shellcheck, zsh -n and fish --no-execute', () => {
    const w = world();
    expect(w.cli(['rehash']).status).toBe(0);
    const check = (argv: string[]) => {
      const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
      return r.status === 0 ? 'ok' : `${r.stdout}${r.stderr}`;
    };
    expect(check(['shellcheck', '-s', 'bash', w.file('bash')])).toBe('ok');
    expect(check(['bash', '-n', w.file('bash')])).toBe('ok');
    expect(check(['zsh', '-n', w.file('zsh')])).toBe('ok');
    expect(check(['fish', '--no-execute', w.file('fish')])).toBe('ok');
  });
});
