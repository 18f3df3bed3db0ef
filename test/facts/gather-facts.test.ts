import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { PipwardenError } from '../../src/core/errors.js';
import type { Facts } from '../../src/core/facts.js';
import { gatherFacts } from '../../src/io/gather-facts.js';
import { testWritableDir } from '../../src/io/interpreter/interpreter-facts.js';
import { hermeticEnv, SYSTEM_PATH } from '../helpers/env.js';
import { DEBIAN_PYTHON, pyenvPython } from '../helpers/pythons.js';
import { copyRuntimeDeps } from '../helpers/runtime-deps.js';
import { tempDir } from '../helpers/tmp.js';
import { makeVenv, sitePackages } from '../helpers/venv.js';

const REPO = resolve(import.meta.dirname, '../..');

/**
 * Transpile gather-facts.ts and everything it imports (relative imports
 * only) into `out`, so another user can run it with plain node.
 */
function buildGatherFacts(out: string): string {
  const todo = [join(REPO, 'src/io/gather-facts.ts')];
  const done = new Set<string>();
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (done.has(file)) continue;
    done.add(file);
    const source = readFileSync(file, 'utf8');
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const dest = join(out, relative(REPO, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, js);
    // Type-only imports are followed too: they transpile to empty modules.
    for (const m of source.matchAll(/from '(\.\.?\/[^']+)\.js'/g)) {
      todo.push(resolve(dirname(file), `${m[1]}.ts`));
    }
  }
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  // Copied, not linked: a checkout under /root (mode 0700) is out of nobody's reach.
  copyRuntimeDeps(REPO, out);
  execFileSync('chmod', ['-R', 'a+rX', out]);
  const runner = join(out, 'run.mjs');
  writeFileSync(
    runner,
    `import { gatherFacts } from './src/io/gather-facts.js';
import { testWritableDir } from './src/io/interpreter/interpreter-facts.js';
const [python, missing] = process.argv.slice(2);
const facts = await gatherFacts({
  tool: { kind: 'python', name: 'python3', path: python },
  env: process.env,
  cwd: process.cwd(),
  pipSubcommand: 'install',
  exclude: [],
});
process.stdout.write(JSON.stringify({ facts, missingWritable: testWritableDir(missing) }));
`,
  );
  return runner;
}

describe('gatherFacts', () => {
  test('site-packages writability is measured for real: nobody on a root-owned --system-site-packages venv', async () => {
    const t = tempDir();
    chmodSync(t, 0o755); // mkdtemp makes 0700; nobody must get in
    const venv = makeVenv(DEBIAN_PYTHON, join(t, 'venv'), {
      systemSitePackages: true,
      withoutPip: true,
    });
    const runner = buildGatherFacts(join(t, 'build'));
    const shared = join(t, 'shared');
    mkdirSync(join(shared, 'home'), { recursive: true });
    chmodSync(shared, 0o777);
    chmodSync(join(shared, 'home'), 0o777);
    const env = hermeticEnv(join(shared, 'home'), { PIPWARDEN_CACHE_DIR: join(shared, 'cache') });
    const python = join(venv, 'bin', 'python3');
    const missing = join(t, 'does', 'not', 'exist');
    const run = (asNobody: boolean) => {
      const argv = [process.execPath, runner, python, missing];
      const out = asNobody
        ? execFileSync(
            'setpriv',
            ['--reuid=nobody', '--regid=nogroup', '--clear-groups', ...argv],
            {
              env,
              cwd: shared,
              encoding: 'utf8',
            },
          )
        : execFileSync(argv[0]!, argv.slice(1), { env, cwd: shared, encoding: 'utf8' });
      return JSON.parse(out) as { facts: Facts; missingWritable: boolean };
    };
    const nobody = run(true);
    expect(nobody.facts.user).toEqual({ uid: 65534, isRoot: false, sudoUser: null });
    const i = nobody.facts.interpreter!;
    expect(i.prefix).toBe(venv);
    expect(i.envKind).toBe('venv');
    expect(i.includeSystemSitePackages).toBe(true);
    expect(i.purelib).toBe(sitePackages(venv));
    expect(i.sitePackagesWritable).toBe(false);
    expect(i.enableUserSite).toBe(true);
    expect(i.userSite).toBe(join(shared, 'home', '.local/lib/python3.11/site-packages'));
    // pip's walk up: a missing dir is judged by its nearest existing parent (root's 0755 dir).
    expect(nobody.missingWritable).toBe(false);
    // The same venv as root: writable. The cache nobody wrote is reused, the answer is not.
    const root = run(false);
    expect(root.facts.interpreter?.sitePackagesWritable).toBe(true);
    expect(root.missingWritable).toBe(true);
    expect(testWritableDir(missing)).toBe(true);
  });

  test('Debian python3 through a pip script: PEP 668 marker and the install location', async () => {
    const t = tempDir();
    const facts = await gatherFacts({
      tool: { kind: 'pip', name: 'pip3', path: '/usr/bin/pip3' },
      env: hermeticEnv(t),
      cwd: t,
      pipSubcommand: 'install',
      cacheDir: null,
      exclude: [],
    });
    expect(facts.interpreter?.executable).toBe('/usr/bin/python3');
    expect(facts.interpreter?.externallyManaged).toBe('/usr/lib/python3.11/EXTERNALLY-MANAGED');
    expect(facts.interpreter?.purelib).toBe('/usr/local/lib/python3.11/dist-packages');
    expect(facts.pipSettings.files).toEqual([]); // hermetic env: PIP_CONFIG_FILE=/dev/null
  });

  test('a pip script whose interpreter is gone is a probe error naming both', async () => {
    const t = tempDir();
    const pip = join(t, 'pip');
    writeFileSync(pip, '#!/opt/gone/bin/python3\nimport pip\n', { mode: 0o755 });
    const err = await gatherFacts({
      tool: { kind: 'pip', name: 'pip', path: pip },
      env: hermeticEnv(t),
      cwd: t,
      cacheDir: null,
      exclude: [],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PipwardenError);
    expect((err as PipwardenError).kind).toBe('probe');
    expect((err as PipwardenError).message).toBe(
      `${pip}: its interpreter /opt/gone/bin/python3 does not exist`,
    );
  });

  test('no real executable: no interpreter, the rest still gathered', async () => {
    const t = tempDir();
    mkdirSync(join(t, 'proj', '.venv'), { recursive: true });
    writeFileSync(join(t, 'proj', '.venv', 'pyvenv.cfg'), 'home = /usr/bin\n');
    writeFileSync(join(t, 'proj', 'pyproject.toml'), '[project]\nname = "x"\n');
    const cwd = join(t, 'proj', 'pkg', 'sub');
    mkdirSync(cwd, { recursive: true });
    const facts = await gatherFacts({
      tool: { kind: 'pip', name: 'pip3', path: null },
      env: hermeticEnv(t, { SUDO_USER: 'alice', PIP_USER: '1', PIP_CONFIG_FILE: undefined }),
      cwd,
      pipSubcommand: 'install',
      cacheDir: null,
      exclude: [],
    });
    expect(facts.interpreter).toBeNull();
    expect(facts.projectVenv).toBe(join(t, 'proj', '.venv'));
    expect(facts.projectRoot).toBe(join(t, 'proj'));
    expect(facts.cwd).toBe(cwd);
    const uid = process.getuid!();
    expect(facts.user).toEqual({ uid, isRoot: uid === 0, sudoUser: uid === 0 ? 'alice' : null });
    expect(facts.pipSettings.user).toEqual({
      value: true,
      source: { kind: 'env', where: 'PIP_USER' },
    });
    expect(facts.pipSettings.files.some((f) => f.variant === 'site')).toBe(false);
  });

  test('without pyproject.toml or .venv: projectRoot is cwd, projectVenv null', async () => {
    const t = tempDir();
    const facts = await gatherFacts({
      tool: { kind: 'pip', name: 'pip', path: null },
      env: hermeticEnv(t),
      cwd: t,
      cacheDir: null,
      exclude: [],
    });
    expect(facts.projectRoot).toBe(t);
    expect(facts.projectVenv).toBeNull();
  });

  test('the site pip.conf is the one under the probed sys.prefix', async () => {
    const py = pyenvPython('3.13');
    if (py === null) throw new Error('pyenv 3.13 missing');
    const venv = makeVenv(py, join(tempDir(), 'v'), { withoutPip: true });
    writeFileSync(join(venv, 'pip.conf'), '[install]\ntarget = /from-site\n');
    const t = tempDir();
    const facts = await gatherFacts({
      tool: { kind: 'python', name: 'python', path: join(venv, 'bin', 'python') },
      env: hermeticEnv(t, {
        PIP_CONFIG_FILE: undefined,
        XDG_CONFIG_DIRS: join(t, 'xdg'),
        PATH: SYSTEM_PATH,
      }),
      cwd: t,
      pipSubcommand: 'install',
      cacheDir: null,
      exclude: [],
    });
    expect(facts.pipSettings.target).toEqual({
      value: '/from-site',
      source: { kind: 'file', where: join(venv, 'pip.conf'), section: 'install' },
    });
  });
});
