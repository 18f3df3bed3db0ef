import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { giveToNobody, mainForNobody, openForNobody, runCommand } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { installedIn } from '../helpers/venv.js';
import { buildWheel } from '../helpers/wheel.js';
import { MARK, installMachine as machine } from './support/install-machine.js';
import { TmuxShell } from './support/tmux.js';

type Machine = ReturnType<typeof machine>;

function expectInstalled(m: Machine, rcLines: boolean) {
  expect(readlinkSync(m.link)).toBe(m.main);
  expect(statSync(m.main).mode & 0o111).not.toBe(0);
  expect(existsSync(join(m.shims, 'pip'))).toBe(true);
  expect(existsSync(join(m.shims, 'python3'))).toBe(true);
  expect(readFileSync(join(m.shims, 'pip'), 'utf8')).toContain(
    `_pw_main='${join(m.checkout, 'dist', 'bundle', 'main.js')}'`,
  );
  for (const [shell, file] of Object.entries(m.rc)) {
    const lines = existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => l.includes(MARK))
      : [];
    // ~/.bashrc: one line at the top for non-interactive bash (ssh), one at the end.
    const want = rcLines ? (shell === 'bash' ? 2 : 1) : 0;
    expect({ shell, count: lines.length }).toEqual({ shell, count: want });
    if (rcLines) expect(lines.at(-1)).toContain(`'${m.link}' init ${shell}`);
  }
}

/** Every path under `dir` whose name or content mentions pipwarden. */
function traces(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (e.includes('pipwarden')) found.push(p);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && readFileSync(p, 'utf8').includes('pipwarden')) found.push(p);
    }
  };
  walk(dir);
  return found;
}

describe('install.sh', () => {
  it('installs, is idempotent, uninstalls every trace, and installs again', () => {
    const m = machine();
    mkdirSync(m.home, { recursive: true });
    // An rc file of the user's, without a final newline: kept byte for byte.
    writeFileSync(m.rc.bash, "alias ll='ls -l'");
    let r = m.install('--yes');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expectInstalled(m, true);
    const stat = join(m.home, '.local', 'share', 'pipwarden', 'init', 'init.bash');
    const line = `if [ -r '${stat}' ] && . '${stat}'; then :; elif [ -x '${m.link}' ]; then eval "$('${m.link}' init bash)"; fi`;
    expect(readFileSync(m.rc.bash, 'utf8')).toBe(
      `case $- in *i*) ;; *) ${line} ;; esac ${MARK}\nalias ll='ls -l'\n${line} ${MARK}\n`,
    );
    expect(existsSync(stat)).toBe(true);

    const before = Object.values(m.rc).map((f) => readFileSync(f, 'utf8'));
    r = m.install('--yes');
    expect(r.status).toBe(0);
    expect(Object.values(m.rc).map((f) => readFileSync(f, 'utf8'))).toEqual(before);

    // What the engine leaves behind once it has run: its probe cache.
    mkdirSync(join(m.home, '.cache', 'pipwarden'), { recursive: true });
    writeFileSync(join(m.home, '.cache', 'pipwarden', 'probe.json'), '{}');
    r = m.install('--uninstall');
    expect(r.status).toBe(0);
    expect(existsSync(m.link)).toBe(false);
    expect(existsSync(m.shims)).toBe(false);
    expect(readFileSync(m.rc.bash, 'utf8')).toBe("alias ll='ls -l'\n");
    expect(existsSync(m.rc.zsh)).toBe(false);
    expect(existsSync(m.rc.fish)).toBe(false);
    expect(traces(m.home)).toEqual([]);

    r = m.install('--yes');
    expect(r.status).toBe(0);
    expectInstalled(m, true);
  });

  it('leaves rc files alone with --no-modify-rc, and without a TTY unless --yes (printing the lines)', () => {
    const m = machine();
    let r = m.install('--no-modify-rc');
    expect(r.status).toBe(0);
    expectInstalled(m, false);
    r = m.install();
    expect(r.status).toBe(0);
    expectInstalled(m, false);
    expect(r.stdout).toMatch(/add these lines yourself/);
    expect(r.stdout).toContain(
      `${m.rc.zsh}: if [ -r '${m.home}/.local/share/pipwarden/init/init.zsh' ] && . '${m.home}/.local/share/pipwarden/init/init.zsh'; then :; elif [ -x '${m.link}' ]; then eval "$('${m.link}' init zsh)"; fi ${MARK}`,
    );
  });

  it('honours --bin-dir, and refuses to replace a file it did not make', () => {
    const m = machine();
    const bin = join(m.root, 'my bin');
    let r = m.install('--no-modify-rc', '--bin-dir', bin);
    expect(r.status).toBe(0);
    expect(readlinkSync(join(bin, 'pipwarden'))).toBe(m.main);
    mkdirSync(join(m.home, '.local', 'bin'), { recursive: true });
    writeFileSync(m.link, 'mine\n');
    r = m.install('--no-modify-rc');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/is not a link to pipwarden\npipwarden install: next: /);
    expect(readFileSync(m.link, 'utf8')).toBe('mine\n');
  });

  it('a second user of a shared checkout gets one clear line, not a chmod error', () => {
    const m = machine();
    // As a checkout that was built but never installed by its owner.
    chmodSync(m.main, 0o644);
    const home = join(m.root, 'home2');
    mkdirSync(home);
    giveToNobody(home);
    openForNobody(m.root, m.checkout);
    const deps = join(mainForNobody(), '..', '..', '..', 'node_modules');
    rmSync(join(m.checkout, 'node_modules'));
    symlinkSync(deps, join(m.checkout, 'node_modules'));
    const r = runCommand(['sh', join(m.checkout, 'install.sh'), '--yes'], {
      env: hermeticEnv(home, { PATH: '/usr/bin:/bin' }),
      cwd: '/',
      asNobody: true,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `pipwarden install: error: ${m.main} is not executable yet, and only its owner (root) can change it\n` +
        `pipwarden install: next: ask root to run ./install.sh in ${m.checkout} once, or clone pipwarden for yourself\n`,
    );
    expect(existsSync(join(home, '.bashrc'))).toBe(false);
  });

  it('asks before touching rc files on a TTY', async () => {
    const m = machine();
    const sh = TmuxShell.start('bash', ['bash', '--norc', '--noprofile', '-i'], {
      env: m.env,
      cwd: m.root,
      dir: m.root,
    });
    await sh.ready();
    sh.type(`sh ${m.checkout}/install.sh`);
    await sh.waitFor(/Add pipwarden's init line to .*\.bashrc.*\[Y\/n\]/);
    sh.type('n');
    await sh.run('true');
    expect(existsSync(m.rc.bash)).toBe(false);
    sh.type(`sh ${m.checkout}/install.sh`);
    await sh.waitFor(/\[Y\/n\] *$/m);
    sh.type('');
    await sh.run('true');
    expectInstalled(m, true);
  });

  it('leaves a new shell of each kind where pip is the shim, and pip install routed by pipwarden', async () => {
    const m = machine();
    expect(m.install('--yes').status).toBe(0);
    const wheels = join(m.root, 'wheels');
    mkdirSync(wheels);
    buildWheel(wheels, 'pwfresh', '0.1');
    mkdirSync(join(m.home, '.local', 'share', 'fish', 'generated_completions'), {
      recursive: true,
    });
    const shells = {
      bash: ['bash', '-i'],
      zsh: ['zsh', '-i'],
      fish: ['fish', '-i'],
    } as const;
    for (const [shell, argv] of Object.entries(shells) as [
      keyof typeof shells,
      readonly string[],
    ][]) {
      const sh = TmuxShell.start(shell, [...argv], { env: m.env, cwd: m.root, dir: m.root });
      await sh.ready();
      const r = await sh.run('command -v pip');
      expect({ shell, out: r.output.trim() }).toEqual({ shell, out: join(m.shims, 'pip') });
      // ~/.local/bin is not on this PATH: the rc line makes pipwarden a command anyway.
      const v = await sh.run('pipwarden --version');
      expect({ shell, status: v.status, out: v.output }).toMatchObject({
        shell,
        status: 0,
        out: expect.stringMatching(/pipwarden \d+\.\d+\.\d+/),
      });
      await sh.stop();
    }
    // A new bash, as after ./install.sh: pip install goes through the engine
    // (a broken user config makes it refuse, which only the engine can do),
    // then lands in the system venv once fixed.
    const sh = TmuxShell.start('bash', ['bash', '-i'], { env: m.env, cwd: m.root, dir: m.root });
    await sh.ready();
    const cfg = join(m.home, '.config', 'pipwarden');
    mkdirSync(cfg, { recursive: true });
    writeFileSync(join(cfg, 'config.yaml'), 'onNotWritable: usr\n');
    let r = await sh.run(`pip install --no-index --find-links ${wheels} pwfresh`);
    expect(r.status).toBe(78);
    expect(r.output).toMatch(/pipwarden: error: .*config\.yaml: onNotWritable/);
    expect(installedIn(m.sys, 'pwfresh')).toBe(false);
    writeFileSync(join(cfg, 'config.yaml'), 'onNotWritable: user\n');
    r = await sh.run(`pip install --no-index --find-links ${wheels} pwfresh`);
    expect(r.status).toBe(0);
    expect(r.output).toMatch(/Successfully installed pwfresh-0\.1/);
    expect(installedIn(m.sys, 'pwfresh')).toBe(true);
  });
});
