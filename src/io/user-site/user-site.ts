import { rmSync } from 'node:fs';
import { execa } from 'execa';
import { PipwardenError } from '../../core/errors.js';
import { isDir } from '../fs-checks.js';

export interface UserSiteInfo {
  base: string;
  site: string;
  version: [number, number];
  /** The interpreter is a venv: its pip will not uninstall outside it (remove-by-record.ts). */
  inVenv: boolean;
  /** `pip list --user`: what is in this site; null when the interpreter has no pip. */
  packages: { name: string; version: string }[] | null;
}

const INFO =
  "import site,sys,json;print(json.dumps([site.getuserbase(),site.getusersitepackages(),list(sys.version_info[:2]),sys.prefix!=getattr(sys,'real_prefix',getattr(sys,'base_prefix',sys.prefix))]))";

/** pip quietly, whatever the user's shell has set: no version check, no prompts. */
function pipEnv(env: NodeJS.ProcessEnv, base: string | null): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };
  delete out.PIP_USER;
  if (base !== null) out.PYTHONUSERBASE = base;
  else delete out.PYTHONUSERBASE;
  // PIPWARDEN_DISABLE: if `python` is one of our shims, go straight to it.
  out.PIPWARDEN_DISABLE = '1';
  return out;
}

/**
 * The user site of `python` (or, with `base`, of that user base), and the
 * distributions pip finds in it. Asked of the interpreter itself, as site.py
 * computes the paths (pip's own `--user` scheme uses the same).
 */
export async function inspectUserSite(
  python: string,
  env: NodeJS.ProcessEnv,
  base: string | null,
): Promise<UserSiteInfo> {
  const e = pipEnv(env, base);
  const info = await execa(python, ['-c', INFO], { env: e, extendEnv: false, reject: false });
  if (info.exitCode !== 0) {
    throw new PipwardenError(
      'probe',
      `${python}: could not read its user site`,
      `run ${python} -m site by hand`,
    );
  }
  const [userBase, site, version, inVenv] = JSON.parse(info.stdout) as [
    string,
    string,
    [number, number],
    boolean,
  ];
  let packages: UserSiteInfo['packages'] = null;
  if (isDir(site)) {
    const list = await execa(python, ['-m', 'pip', 'list', '--user', '--format', 'json'], {
      env: e,
      extendEnv: false,
      reject: false,
    });
    if (list.exitCode === 0)
      packages = JSON.parse(list.stdout) as { name: string; version: string }[];
  } else {
    packages = [];
  }
  return { base: userBase, site, version, inVenv, packages };
}

/**
 * `pip uninstall -y` for each name, in the user site: pip honours each
 * RECORD (scripts included) and touches nothing outside it. The user site
 * comes before site-packages on sys.path, so each name finds its user copy.
 * pip refuses to uninstall on an externally managed Python (PEP 668) even
 * from the user site, so `breakSystemPackages` passes its override there.
 */
export async function uninstallFromUserSite(
  python: string,
  env: NodeJS.ProcessEnv,
  names: string[],
  breakSystemPackages: boolean,
): Promise<number> {
  const args = [
    '-m',
    'pip',
    'uninstall',
    '-y',
    ...(breakSystemPackages ? ['--break-system-packages'] : []),
    ...names,
  ];
  const r = await execa(python, args, {
    env: pipEnv(env, null),
    extendEnv: false,
    reject: false,
    stdio: 'inherit',
  });
  return r.exitCode ?? 1;
}

/** A disposable base is ours alone: it goes in one step. */
export function removeBase(base: string): void {
  rmSync(base, { recursive: true, force: true });
}
