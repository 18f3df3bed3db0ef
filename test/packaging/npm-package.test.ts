import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { installedIn } from '../helpers/venv.js';
import { buildWheel } from '../helpers/wheel.js';
import { fastVenv } from '../shell/support/fast-venv.js';
import { basePython } from '../shell/support/world.js';
import { canStage, makeStage } from '../system/stage.js';
import { freshClone } from './fresh-clone.js';

const MARK = '# added by pipwarden install.sh';

/** npm's own environment: this machine's npm config (registry), none of npm run's npm_* leaking in. */
function npmEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^npm_/i.test(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

function npm(args: string[], cwd: string, env = npmEnv()) {
  const r = spawnSync('npm', [...args, '--no-audit', '--no-fund'], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.error) throw r.error;
  return r;
}

// One package for the file: packed from a fresh clone, installed globally
// into a temp prefix, set up for a temp HOME, upgraded, used through npx.
describe('the npm package', () => {
  const root = mkdtempSync(join(tmpdir(), 'pipwarden-npm-'));
  const prefix = join(root, 'prefix');
  const pkg = join(prefix, 'lib', 'node_modules', 'pipwarden');
  const home = join(root, 'home');
  const venv = join(root, 'venv');
  const wheels = join(root, 'wheels');
  let tarball = '';
  let env: Record<string, string>;

  beforeAll(() => {
    const clone = join(root, 'clone');
    freshClone(clone);
    const r = npm(['pack', '--pack-destination', root], clone);
    expect(r.status, r.stderr).toBe(0);
    tarball = join(root, r.stdout.trim().split('\n').at(-1) as string);
    mkdirSync(wheels);
    buildWheel(wheels, 'pwnpm', '1.0');
    fastVenv(basePython(), venv);
    env = hermeticEnv(home, { PATH: `${join(prefix, 'bin')}:${join(venv, 'bin')}:/usr/bin:/bin` });
  }, 300_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('npm pack builds first, and packs what runs: dist/, no tests, no sources', () => {
    const files = execFileSync('tar', ['tzvf', tarball], { encoding: 'utf8' }).split('\n');
    const names = files.map((l) => l.split(/\s+/).at(-1) ?? '');
    expect(names).toContain('package/dist/cli/main.js');
    expect(names).toContain('package/dist/bundle/main.js');
    expect(names).toContain('package/install.sh');
    expect(names).toContain('package/presets/venv-only.yaml');
    expect(names).toContain('package/completions/pipwarden.bash');
    // The bin keeps its exec bit for a plain copy of the package.
    expect(files.find((l) => l.endsWith(' package/dist/cli/main.js'))).toMatch(/^-rwxr-xr-x/);
    const unwanted = names.filter((n) =>
      /^package\/(src|test|bench|scripts|shims|\.ci|docs)\/|\.test\.js$|^package\/node_modules\//.test(
        n,
      ),
    );
    expect(unwanted).toEqual([]);
  });

  it('npm i -g gives a working pipwarden in the prefix bin', () => {
    const r = npm(['install', '-g', tarball, '--prefix', prefix, '--prefer-offline'], root);
    expect(r.status, r.stderr).toBe(0);
    const bin = join(prefix, 'bin', 'pipwarden');
    expect(readlinkSync(bin)).toBe('../lib/node_modules/pipwarden/dist/cli/main.js');
    const v = runCommand([bin, '--version'], { env });
    expect(v.stdout).toBe('pipwarden 0.1.0\n');
  });

  it('pipwarden setup does what ./install.sh does, pointing into the package; a rewrite goes through its shims', () => {
    const r = runCommand(['pipwarden', 'setup', '--yes'], { env, cwd: root });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const link = join(home, '.local', 'bin', 'pipwarden');
    expect(readlinkSync(link)).toBe(join(pkg, 'dist', 'cli', 'main.js'));
    const shims = join(home, '.local', 'share', 'pipwarden', 'shims');
    expect(readFileSync(join(shims, 'pip'), 'utf8')).toContain(
      `_pw_main='${join(pkg, 'dist', 'bundle', 'main.js')}'`,
    );
    const bashrc = readFileSync(join(home, '.bashrc'), 'utf8');
    expect(bashrc).toContain(`'${link}' init bash)"; fi ${MARK}`);
    // Its own words name the command the user typed.
    expect(runCommand(['pipwarden', 'setup', '--bogus'], { env }).stderr).toBe(
      'pipwarden: error: setup: unknown option --bogus\npipwarden: next: pipwarden setup --help lists its options\n',
    );

    // A new interactive bash, as after setup: pip is the shim, and PIP_USER=1
    // (an error from pip in a venv) is rewritten into the venv.
    const sh = runCommand(
      [
        'bash',
        '-ic',
        `command -v pip; PIP_USER=1 pip install --no-index --find-links ${wheels} pwnpm; echo "rc=$?"`,
      ],
      { env, cwd: root },
    );
    expect(sh.stdout.split('\n')[0], sh.stderr).toBe(join(shims, 'pip'));
    expect(sh.stdout).toContain('rc=0');
    expect(sh.stdout).toMatch(/Successfully installed pwnpm-1\.0/);
    expect(installedIn(venv, 'pwnpm')).toBe(true);
    expect(existsSync(join(home, '.local', 'lib'))).toBe(false);
  });

  it.skipIf(!canStage)(
    'pipwarden setup --system sets up every user from the npm install (staged)',
    () => {
      const stage = makeStage(join(root, 'stage'));
      const rootEnv = {
        PATH: `${join(prefix, 'bin')}:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
        HOME: '/root',
      };
      let r = stage.run(['pipwarden', 'setup', '--system', '--yes', '--preset', 'venv-only'], {
        env: rootEnv,
      });
      expect(r.status, r.stderr).toBe(0);
      expect(stage.run(['test', '-f', '/usr/local/lib/pipwarden/shims/pip']).status).toBe(0);
      expect(stage.run(['cat', '/etc/pipwarden/config.yaml']).stdout).toContain(
        'presets: [venv-only]',
      );
      expect(stage.run(['/usr/local/bin/pipwarden', '--version']).stdout).toBe('pipwarden 0.1.0\n');
      r = stage.run(['pipwarden', 'setup', '--system', '--uninstall', '--purge'], { env: rootEnv });
      expect(r.status, r.stderr).toBe(0);
      expect(stage.run(['test', '-e', '/usr/local/lib/pipwarden']).status).toBe(1);
    },
  );

  it('after npm update -g to a newer version, the next shell rewrites the shims and init files', () => {
    // A newer release of the same package: the tarball with its version moved.
    const unpacked = join(root, 'newer');
    mkdirSync(unpacked);
    execFileSync('tar', ['xzf', tarball, '-C', unpacked]);
    const pj = join(unpacked, 'package', 'package.json');
    writeFileSync(pj, readFileSync(pj, 'utf8').replace('"version": "0.1.0"', '"version": "0.1.1"'));
    const newer = join(root, 'pipwarden-0.1.1.tgz');
    execFileSync('tar', ['czf', newer, '-C', unpacked, 'package']);
    const r = npm(['install', '-g', newer, '--prefix', prefix, '--prefer-offline'], root);
    expect(r.status, r.stderr).toBe(0);

    const shims = join(home, '.local', 'share', 'pipwarden', 'shims');
    expect(readFileSync(join(shims, 'pip'), 'utf8')).toContain('version=0.1.0');
    const sh = runCommand(
      [
        'bash',
        '-ic',
        `command -v pip; pip uninstall -y pwnpm >/dev/null; PIP_USER=1 pip install --no-index --find-links ${wheels} pwnpm; echo "rc=$?"`,
      ],
      { env, cwd: root },
    );
    expect(sh.stdout.split('\n')[0], sh.stderr).toBe(join(shims, 'pip'));
    expect(sh.stdout, sh.stderr).toContain('rc=0');
    expect(installedIn(venv, 'pwnpm')).toBe(true);
    expect(readFileSync(join(shims, 'pip'), 'utf8')).toContain('version=0.1.1');
    const initFile = join(home, '.local', 'share', 'pipwarden', 'init', 'init.bash');
    expect(readFileSync(initFile, 'utf8')).toContain('# pipwarden 0.1.1 shell integration');
    // And the shell after that sources the fresh static file: no Node at start.
    const next = runCommand(['bash', '-ic', 'command -v pip'], { env, cwd: root });
    expect(next.stdout.trim()).toBe(join(shims, 'pip'));
    expect(next.stderr).not.toContain('pipwarden');
  });

  it('pipwarden setup --uninstall takes it all away again, and says what it kept', () => {
    // A trust record: the user's, so uninstall keeps it and says so.
    const project = join(root, 'project');
    mkdirSync(project);
    writeFileSync(join(project, '.pipwardenrc.yaml'), 'onNotWritable: user\n');
    expect(
      runCommand(['pipwarden', 'trust', join(project, '.pipwardenrc.yaml')], { env, cwd: project })
        .status,
    ).toBe(0);
    const trusted = join(home, '.local', 'share', 'pipwarden', 'trusted.json');
    expect(existsSync(trusted)).toBe(true);
    const r = runCommand(['pipwarden', 'setup', '--uninstall'], { env, cwd: root });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(home, '.local', 'share', 'pipwarden', 'shims'))).toBe(false);
    expect(existsSync(join(home, '.local', 'bin', 'pipwarden'))).toBe(false);
    // install.sh made ~/.bashrc for its line alone, so it goes with the line.
    expect(existsSync(join(home, '.bashrc'))).toBe(false);
    expect(r.stdout).toContain(
      'pipwarden install: kept (yours to keep; pipwarden setup --uninstall --purge removes them):\n' +
        `  ${trusted}: trust records, from pipwarden trust\n`,
    );
    expect(existsSync(trusted)).toBe(true);
  });

  it('npx runs doctor and explain from the tarball without installing', () => {
    const fresh = join(root, 'npx-home');
    const npxEnv = npmEnv({
      HOME: fresh,
      npm_config_cache: join(root, 'npx-cache'),
      PATH: `${join(venv, 'bin')}:/usr/bin:/bin`,
      PIP_CONFIG_FILE: '/dev/null',
    });
    mkdirSync(fresh);
    const explain = spawnSync(
      'npx',
      ['--yes', '--package', tarball, 'pipwarden', 'explain', '--', 'pip', 'install', 'x'],
      { cwd: root, env: npxEnv, encoding: 'utf8', timeout: 300_000 },
    );
    expect(explain.status, explain.stderr).toBe(0);
    expect(explain.stdout).toContain(join(venv, 'bin', 'pip'));
    const doctor = spawnSync('npx', ['--yes', '--package', tarball, 'pipwarden', 'doctor'], {
      cwd: root,
      env: npxEnv,
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(doctor.stderr).not.toMatch(/not found|ERR!/);
    expect(doctor.stdout).toMatch(/pip install/);
    // Nothing was installed for this user: no shims, no rc line.
    expect(existsSync(join(fresh, '.local', 'share', 'pipwarden', 'shims'))).toBe(false);
    expect(existsSync(join(fresh, '.bashrc'))).toBe(false);
  });
});
