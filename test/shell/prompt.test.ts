import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installedIn } from '../helpers/venv.js';
import { startShell } from './support/interactive.js';
import type { ShellName } from './support/tmux.js';
import { basePython, shellWorld } from './support/world.js';

const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

// pyenv's own python3.12 is "no env" here. The answers used send the install
// only into temp dirs (the disposable base, the project's .venv), and the
// non-interactive default is `cancel`, so pyenv's interpreter is never touched.
describe.each<ShellName>(['bash', 'zsh', 'fish'])('the prompt action in %s (tmux)', (shell) => {
  it('asks on the terminal, remembers with !, and never waits without one', async () => {
    const w = shellWorld(['pwask', 'pwvenv', 'pwnotty', 'pwagain']);
    const proj = join(w.root, 'proj');
    mkdirSync(proj);
    const conf = join(w.home, '.config', 'pipwarden');
    mkdirSync(conf, { recursive: true });
    writeFileSync(join(conf, 'config.yaml'), 'onNoEnv: prompt\npromptDefault: cancel\n');
    const disposable = join(w.root, 'disposable');
    const env = w.env({
      PATH: w.path(dirname(basePython())),
      PIP_NO_INPUT: undefined,
      PIPWARDEN_DISPOSABLE_DIR: disposable,
      SHELL: `/bin/${shell}`,
    });
    const sh = startShell(shell, w, env);
    await sh.ready();
    expect((await sh.run(`cd ${q(proj)}`)).status).toBe(0);

    // 1. Asked: the disposable user site.
    let pending = sh.run(`pip ${w.installArgs('pwask')}`);
    await sh.waitFor(
      /not in a venv, conda or pixi env\. Install where\?[\s\S]*3\) the disposable user site[\s\S]*choice \[1-4\]/,
    );
    sh.type('3');
    let r = await pending;
    expect(r.status).toBe(0);
    const base = join(disposable, 'python3.12');
    expect(
      installedIn(base, 'pwask') ||
        existsSync(join(base, 'lib', 'python3.12', 'site-packages', 'pwask')),
    ).toBe(true);
    expect(r.output).toContain('pipwarden: next: import from it with PYTHONUSERBASE=');

    // 2. Asked again (nothing remembered): a venv, remembered with "!".
    pending = sh.run(`pip ${w.installArgs('pwvenv')}`);
    await sh.waitFor(
      /choice \[1-4\][^\n]*: 3[\s\S]*2\) a venv: .*proj\/\.venv[\s\S]*choice \[1-4\]/,
    );
    sh.type('2!');
    r = await pending;
    expect(r.status).toBe(0);
    expect(installedIn(join(proj, '.venv'), 'pwvenv')).toBe(true);
    expect(r.output).toMatch(/pipwarden: next: to use it in this shell: (\.|source) .*activate/);
    const answers = JSON.parse(
      readFileSync(join(w.home, '.local', 'share', 'pipwarden', 'answers.json'), 'utf8'),
    );
    expect(answers[proj]).toBe('venv');

    // 3. Remembered: no question, even without a terminal.
    r = await sh.run(`pip ${w.installArgs('pwagain')} < /dev/null`);
    expect(r.status).toBe(0);
    expect(r.output).toContain(`pipwarden: using your remembered answer for ${proj}: venv`);
    expect(installedIn(join(proj, '.venv'), 'pwagain')).toBe(true);

    // 4. Elsewhere, without a terminal (stdin from /dev/null, or PIP_NO_INPUT): the default, said out loud.
    expect((await sh.run('cd ..')).status).toBe(0);
    r = await sh.run(`pip ${w.installArgs('pwnotty')} < /dev/null`);
    expect(r.output).toContain(
      'pipwarden: refused: cancelled at the prompt (noEnv; no terminal to ask on: applying promptDefault: cancel',
    );
    expect(r.status).toBe(77);
    r = await sh.run(`env PIP_NO_INPUT=1 pip ${w.installArgs('pwnotty')}`);
    expect(r.output).toContain('applying promptDefault: cancel');
    expect(r.status).toBe(77);
  });
});
