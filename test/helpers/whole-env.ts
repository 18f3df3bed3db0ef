import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type WholeEnvKind = 'conda' | 'pixi' | 'plain';

export interface WholeEnvOptions {
  /** conda: `conda-meta/history`; pixi: also `conda-meta/pixi`; plain: neither (a copied base interpreter). */
  kind?: WholeEnvKind;
  /** Copy the version's own pip into the env's site-packages, with `bin/pip`, `bin/pip3`, `bin/pip3.X`. */
  pip?: boolean;
  /** Make it look like conda's base env (a `condabin/` dir, as only a base install has). */
  condaBase?: boolean;
}

export interface WholeEnv {
  prefix: string;
  /** `<prefix>/bin/python3.X` */
  python: string;
  /** `3.X` */
  minor: string;
  /** `<prefix>/lib/python3.X/site-packages` */
  sitePackages: string;
  /** The variables an activated conda (or pixi) shell has, for this env. */
  activation: Record<string, string>;
}

/** Standard-library dirs a test interpreter never needs; leaving them out makes a copy ~4× smaller. */
const SKIPPED_STDLIB = new Set([
  'test',
  'idlelib',
  'tkinter',
  'turtledemo',
  'lib2to3',
  'ensurepip',
]);

/**
 * A conda- or pixi-like env the way real ones are: a whole interpreter of
 * its own (not a venv: no `pyvenv.cfg`, `sys.prefix == sys.base_prefix`, the
 * user site on `sys.path`, `--user` accepted by pip), made by copying the
 * pyenv interpreter of `pyenvPython` (e.g. `.../3.12.1/bin/python3.12`) into
 * `prefix`. Only pip is copied from its site-packages, and only when asked.
 * The copy is the test's own: nothing it does touches the machine's pyenv.
 */
export function makeWholeEnv(
  pyenvPython: string,
  prefix: string,
  opts: WholeEnvOptions = {},
): WholeEnv {
  const kind = opts.kind ?? 'conda';
  const real = realpathSync(pyenvPython);
  const source = dirname(dirname(real));
  const minor = /python(\d+\.\d+)$/.exec(basename(real))?.[1];
  if (!minor) throw new Error(`makeWholeEnv: cannot tell the version of ${pyenvPython}`);
  const libName = `python${minor}`;

  mkdirSync(join(prefix, 'bin'), { recursive: true });
  cpSync(real, join(prefix, 'bin', libName), { preserveTimestamps: true });
  symlinkSync(libName, join(prefix, 'bin', 'python3'));
  symlinkSync(libName, join(prefix, 'bin', 'python'));

  // The shared libpython, so the copy does not depend on the source's lib dir
  // for anything but its RPATH fallback.
  mkdirSync(join(prefix, 'lib'), { recursive: true });
  for (const entry of readdirSync(join(source, 'lib'))) {
    if (entry.startsWith('libpython')) {
      cpSync(join(source, 'lib', entry), join(prefix, 'lib', entry), { verbatimSymlinks: true });
    }
  }
  const stdlib = join(source, 'lib', libName);
  const ownStdlib = join(prefix, 'lib', libName);
  mkdirSync(ownStdlib, { recursive: true });
  for (const entry of readdirSync(stdlib)) {
    if (SKIPPED_STDLIB.has(entry) || entry === 'site-packages') continue;
    // Timestamps kept, so pyenv's .pyc files stay valid for the copy's .py
    // files (pyc checks the source mtime): no recompiling at every start.
    cpSync(join(stdlib, entry), join(ownStdlib, entry), {
      recursive: true,
      verbatimSymlinks: true,
      preserveTimestamps: true,
    });
  }
  const sitePackages = join(ownStdlib, 'site-packages');
  mkdirSync(sitePackages, { recursive: true });
  if (opts.pip) {
    const sourceSite = join(stdlib, 'site-packages');
    for (const entry of readdirSync(sourceSite)) {
      if (entry === 'pip' || /^pip-[\d.]+\.dist-info$/.test(entry)) {
        cpSync(join(sourceSite, entry), join(sitePackages, entry), {
          recursive: true,
          preserveTimestamps: true,
        });
      }
    }
    for (const name of ['pip', 'pip3', `pip${minor}`]) {
      const script = join(prefix, 'bin', name);
      writeFileSync(
        script,
        `#!${join(prefix, 'bin', libName)}\nimport sys\nfrom pip._internal.cli.main import main\nif __name__ == "__main__":\n    sys.exit(main())\n`,
        { mode: 0o755 },
      );
    }
  }
  if (kind !== 'plain') {
    mkdirSync(join(prefix, 'conda-meta'), { recursive: true });
    writeFileSync(join(prefix, 'conda-meta', 'history'), '');
    if (kind === 'pixi') writeFileSync(join(prefix, 'conda-meta', 'pixi'), '{}\n');
  }
  if (opts.condaBase) mkdirSync(join(prefix, 'condabin'), { recursive: true });

  const activation: Record<string, string> = {};
  if (kind !== 'plain') {
    activation.CONDA_PREFIX = prefix;
    activation.CONDA_DEFAULT_ENV = opts.condaBase ? 'base' : basename(prefix);
    if (kind === 'pixi') {
      activation.PIXI_ENVIRONMENT_NAME = 'default';
      activation.PIXI_PROJECT_ROOT = dirname(dirname(dirname(prefix)));
      activation.PIXI_IN_SHELL = '1';
    }
  }
  return { prefix, python: join(prefix, 'bin', libName), minor, sitePackages, activation };
}

/** Whether the interpreter at `python` is a whole interpreter (not a venv), as Python itself reports. */
export function isWholeInterpreter(python: string): boolean {
  if (!existsSync(python)) return false;
  const out = execFileSync(python, ['-c', 'import sys; print(sys.prefix == sys.base_prefix)'], {
    encoding: 'utf8',
  });
  return out.trim() === 'True';
}
