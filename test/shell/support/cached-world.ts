import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../helpers/tmp.js';
import { type ShellWorld, shellWorld } from './world.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Call {
  status: number | null;
  stdout: string;
  stderr: string;
  /** How many times the shim started Node for this call. */
  nodeStarts: number;
}

export interface CachedWorld extends ShellWorld {
  venvDir: string;
  /** The project dir the calls run in. */
  proj: string;
  /** pipwarden's engine as the shims run it: a copy, so a test may "upgrade" it. */
  engineMain: string;
  /** Where the shims keep their plan cache entries. */
  plans: string;
  /** Runs a shim (pip unless `shim` names another) in the venv, in `proj` unless `cwd` says. */
  call(
    args: string[],
    opts?: {
      env?: Record<string, string | undefined>;
      cwd?: string;
      shim?: string;
      /** The shell that runs the shim (support/shells.ts), rather than the kernel's #!/bin/sh. */
      sh?: string;
    },
  ): Call;
}

/**
 * A shell world whose shims run pipwarden's bundle through a node that
 * counts its starts, with a venv on PATH (VIRTUAL_ENV set) in which
 * `pwdemo` is already installed: `pip install pwdemo` there is the warm,
 * nothing-to-rewrite call that the plan cache is for.
 */
export function cachedWorld(): CachedWorld {
  const w = shellWorld(['pwdemo']);
  const venvDir = w.venv('venv');
  const proj = join(w.root, 'proj');
  mkdirSync(proj);
  const pw = join(w.root, 'pw');
  cpSync(join(ROOT, 'dist', 'bundle'), join(pw, 'dist', 'bundle'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(pw, 'package.json'));
  cpSync(join(ROOT, 'presets'), join(pw, 'presets'), { recursive: true });
  const engineMain = join(pw, 'dist', 'bundle', 'main.js');
  // Outside the world: creating it must not touch a dir the decisions read.
  const starts = join(tempDir('pipwarden-node-starts-'), 'starts');
  const node = join(w.root, 'counting-node');
  // bash, not /bin/sh: dash would drop PIP_INDEX-URL-style names on the way to Node.
  writeFileSync(node, `#!/bin/bash\necho x >> '${starts}'\nexec '${process.execPath}' "$@"\n`);
  chmodSync(node, 0o755);
  for (const name of readdirSync(w.shims)) {
    const shim = join(w.shims, name);
    if (!lstatSync(shim).isFile() || name.startsWith('.')) continue;
    const text = readFileSync(shim, 'utf8')
      .replace(/^_pw_node=.*$/m, `_pw_node='${node}'`)
      .replace(/^_pw_main=.*$/m, `_pw_main='${engineMain}'`);
    writeFileSync(shim, text);
  }
  const baseEnv = (extra: Record<string, string | undefined> = {}) =>
    w.env({ PATH: w.path(join(venvDir, 'bin')), VIRTUAL_ENV: venvDir, ...extra });
  const install = spawnSync(
    join(venvDir, 'bin', 'pip'),
    ['install', '--no-index', '--find-links', w.wheels, 'pwdemo'],
    { env: baseEnv(), encoding: 'utf8' },
  );
  if (install.status !== 0) throw new Error(`setting up pwdemo failed: ${install.stderr}`);
  const count = () => (existsSync(starts) ? readFileSync(starts, 'utf8').length / 2 : 0);
  const world: CachedWorld = {
    ...w,
    venvDir,
    proj,
    engineMain,
    plans: join(w.home, '.cache', 'pipwarden', 'plans'),
    call(args, opts = {}) {
      const before = count();
      const shim = join(w.shims, opts.shim ?? 'pip');
      const [file, argv] = opts.sh ? [opts.sh, [shim, ...args]] : [shim, args];
      const r = spawnSync(file, argv, {
        env: baseEnv(opts.env),
        cwd: opts.cwd ?? proj,
        encoding: 'utf8',
        timeout: 60_000,
      });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr, nodeStarts: count() - before };
    },
  };
  return world;
}
