import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCommand } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { tempDir } from '../helpers/tmp.js';
import { installedIn } from '../helpers/venv.js';
import { buildWheel } from '../helpers/wheel.js';
import { fastVenv } from './support/fast-venv.js';
import { basePython } from './support/world.js';

// `pipwarden init --ci` in the first step of a job; every later step is a
// new shell, started the way each runner documents, with the runner's own
// file protocol played between steps. A later step's pip must be the shim,
// and a pip install must reach the engine (a config only the engine reads
// makes it stop with 78), then land once the config is fixed.

const MAIN = join(ROOT, 'dist', 'cli', 'main.js');
const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

function job(runner: Record<string, string>) {
  const root = tempDir('pipwarden-ci-');
  const home = join(root, 'home');
  const sys = fastVenv(basePython(), join(root, 'sys'));
  const wheels = join(root, 'wheels');
  mkdirSync(wheels);
  buildWheel(wheels, 'pwci', '0.1');
  const env = hermeticEnv(home, {
    PATH: `${join(sys, 'bin')}:/usr/bin:/bin`,
    CI: 'true',
    ...runner,
  });
  const config = join(home, '.config', 'pipwarden', 'config.yaml');
  mkdirSync(join(config, '..'), { recursive: true });
  writeFileSync(config, 'onNotWritable: usr\n');
  return {
    root,
    env,
    sys,
    shims: join(home, '.local', 'share', 'pipwarden', 'shims'),
    first: `node '${MAIN}' init --ci`,
    // Step two: the shim, and the engine's answer to a broken config.
    probe: `command -v pip; pip install --no-index --find-links ${wheels} pwci || echo "pip=$?"`,
    // Step three: the config fixed, the install lands.
    fix: `echo 'onNotWritable: user' >'${config}'; pip install -q --no-index --find-links ${wheels} pwci`,
  };
}

function expectRouted(j: ReturnType<typeof job>, probe: { stdout: string; stderr: string }) {
  expect(probe.stdout.split('\n')[0], probe.stderr).toBe(join(j.shims, 'pip'));
  expect(probe.stdout).toContain('pip=78');
  expect(probe.stderr).toMatch(/config\.yaml: onNotWritable/);
}

describe('pipwarden init --ci: the later steps of a CI job route pip', () => {
  it('GitHub Actions: a line in $GITHUB_PATH, prepended for each later step (bash --noprofile --norc -eo pipefail)', () => {
    const j = job({ GITHUB_ACTIONS: 'true' });
    // The runner: a new GITHUB_PATH file per step; after it, each line goes in front of PATH.
    const added: string[] = [];
    const step = (i: number, script: string) => {
      const file = join(j.root, `add_path_${i}`);
      writeFileSync(file, '');
      const env = { ...j.env, GITHUB_PATH: file, PATH: [...added, j.env.PATH].join(':') };
      const r = runCommand(['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
        env,
        cwd: j.root,
      });
      for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean))
        added.unshift(line);
      return r;
    };
    const first = step(1, j.first);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain('goes first on PATH from the next step on ($GITHUB_PATH)');
    expect(added).toEqual([j.shims]);
    expectRouted(j, step(2, j.probe));
    expect(step(3, j.fix).status).toBe(0);
    expect(installedIn(j.sys, 'pwci')).toBe(true);
  });

  it("CircleCI: a line in $BASH_ENV, which each later step's bash sources", () => {
    const j = job({ CIRCLECI: 'true' });
    const bashEnv = join(j.root, '.bash_env');
    writeFileSync(bashEnv, '');
    // CircleCI's default shell, /bin/bash -eo pipefail, with BASH_ENV set for
    // every step. stdin not a socket (Node's pipes are): bash reads ~/.bashrc
    // instead of $BASH_ENV when it thinks sshd started it.
    const step = (script: string) => {
      const r = spawnSync('/bin/bash', ['-eo', 'pipefail', '-c', script], {
        env: { ...j.env, BASH_ENV: bashEnv },
        cwd: j.root,
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
      });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const first = step(j.first);
    expect(first.status, first.stderr).toBe(0);
    expectRouted(j, step(j.probe));
    expect(step(j.fix).status).toBe(0);
    expect(installedIn(j.sys, 'pwci')).toBe(true);
  });

  it('GitLab CI: before_script sources the printed file; the job script and its children inherit PATH', () => {
    const j = job({ GITLAB_CI: 'true' });
    // GitLab's shell executor runs before_script and script as one script, one shell.
    const script = [`. "$(${j.first})"`, j.probe, `sh -c ${q(j.fix)}`].join('\n');
    const r = runCommand(['bash', '-c', script], { env: j.env, cwd: j.root });
    expectRouted(j, r);
    expect(r.status, r.stderr).toBe(0);
    expect(installedIn(j.sys, 'pwci')).toBe(true);
  });

  it('outside a known runner: one line naming the variables, and the next step', () => {
    const r = runCommand(['node', MAIN, 'init', '--ci'], { env: hermeticEnv(tempDir()), cwd: '/' });
    expect(r.status).toBe(64);
    expect(r.stderr).toBe(
      'pipwarden: error: init --ci: no CI runner found (none of GITHUB_ACTIONS, GITLAB_CI, CIRCLECI is "true")\n' +
        'pipwarden: next: pipwarden init --ci github|gitlab|circleci\n',
    );
  });
});
