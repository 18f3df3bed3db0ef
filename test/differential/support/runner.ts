import { spawn } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { hermeticEnv, SYSTEM_PATH } from '../../helpers/env.js';
import { machineSites } from '../../stray-guard.js';
import {
  classify,
  intendedPlaces,
  type Outcome,
  type Place,
  pipUserMode,
  type Verdict,
} from './oracle.js';
import { commandOf, ENV_KINDS, type Scenario } from './space.js';
import { copyTemplate, type Template, templateName } from './templates.js';

export interface RunContext {
  root: string;
  wheels: string;
  /** Shim dirs written by `pipwarden rehash`: root's and nobody's. */
  shims: { root: string; nobody: string };
  templates: Map<string, Template>;
  /** The CLI's main.js, root's and nobody's. */
  main: { root: string; nobody: string };
}

export interface Pass extends Outcome {
  stderr: string;
  /** How long the call took (the seed install not counted). */
  ms: number;
}

export interface Result {
  /** How long making the first set-up took. */
  resetMs: number;
  scenario: Scenario;
  argv: string[];
  intended: string[];
  alone: Pass;
  warden: Pass;
  /** pipwarden again in the same HOME: the plan cache's replay. */
  replay: Pass;
  /** Whether the second pass left the plan entry as the first wrote it (so it replayed). */
  replayed: boolean;
  verdict: Verdict;
  /** The replay's verdict against pip alone; must equal `verdict`. */
  replayVerdict: Verdict;
}

const NOBODY = 65534;
const FIXED_TIME = new Date('2024-01-02T03:04:05Z');

interface Layout {
  dir: string;
  home: string;
  proj: string;
  out: string;
  /** The env's prefix (venv, conda, pixi) or the base interpreter's (plain). */
  env: string | null;
  outer: string | null;
  conf: string;
  stage: string;
}

function layoutOf(ctx: RunContext, s: Scenario): Layout {
  const dir = join(ctx.root, `s${s.id}`);
  const proj = join(dir, 'proj');
  const kind = s.kind;
  const env = kind.startsWith('debian')
    ? null
    : kind.startsWith('pixi')
      ? join(proj, '.pixi', 'envs', 'default')
      : join(dir, kind.startsWith('plain') ? 'base' : 'env');
  return {
    dir,
    home: join(dir, 'home'),
    proj,
    out: join(dir, 'out'),
    env,
    outer: kind.endsWith('-nopip') ? join(dir, 'outer') : null,
    conf: join(dir, 'pip.conf'),
    stage: join(dir, 'stage'),
  };
}

const asNobody = (s: Scenario) => s.kind === 'plain-nobody' || s.kind === 'debian-nobody';

/** Bring the set-up to its fresh state; `keepCache` keeps pipwarden's cache in HOME. */
async function reset(ctx: RunContext, s: Scenario, l: Layout, keepCache: boolean): Promise<void> {
  for (const p of [l.env, l.outer, l.out, l.stage])
    if (p) rmSync(p, { recursive: true, force: true });
  if (existsSync(l.home)) {
    for (const entry of readdirSync(l.home)) {
      if (keepCache && entry === '.cache') {
        for (const c of readdirSync(join(l.home, '.cache'))) {
          if (c !== 'pipwarden')
            rmSync(join(l.home, '.cache', c), { recursive: true, force: true });
        }
        continue;
      }
      rmSync(join(l.home, entry), { recursive: true, force: true });
    }
  }
  mkdirSync(l.home, { recursive: true });
  mkdirSync(l.proj, { recursive: true });
  mkdirSync(l.out, { recursive: true });
  writeFileSync(join(l.proj, 'req.txt'), 'pwdemo\n');
  writeFileSync(l.conf, `[${s.confSection}]\nuser = true\n`);
  const name = templateName(s.kind);
  if (name && l.env) await copyTemplate(ctx.templates.get(name) as Template, l.env);
  if (l.outer) await copyTemplate(ctx.templates.get('plain') as Template, l.outer);
  if (asNobody(s)) for (const p of [l.home, l.proj, l.out]) chownSync(p, NOBODY, NOBODY);
  // The same mtimes in every pass, so the plan cache sees an unchanged world.
  for (const p of [l.dir, l.home, l.proj, l.out, l.conf, join(l.proj, 'req.txt')]) {
    utimesSync(p, FIXED_TIME, FIXED_TIME);
  }
}

function envOf(ctx: RunContext, s: Scenario, l: Layout, shims: boolean): Record<string, string> {
  const kind = ENV_KINDS[s.kind];
  const dirs: string[] = [];
  if (shims) dirs.push(asNobody(s) ? ctx.shims.nobody : ctx.shims.root);
  if (l.env) dirs.push(join(l.env, 'bin'));
  if (l.outer) dirs.push(join(l.outer, 'bin'));
  const vars: Record<string, string> = {
    PATH: [...dirs, SYSTEM_PATH].join(':'),
    PIPWARDEN_CACHE_DIR: join(l.home, '.cache', 'pipwarden'),
    PIPWARDEN_SHIM_DIR: asNobody(s) ? ctx.shims.nobody : ctx.shims.root,
    PIPWARDEN_ORG_CONFIG_DIR: join(ctx.root, 'no-org-config'),
  };
  if (kind.env === 'venv' && l.env) vars.VIRTUAL_ENV = l.env;
  if ((kind.env === 'conda' || kind.env === 'pixi') && l.env) {
    vars.CONDA_PREFIX = l.env;
    vars.CONDA_DEFAULT_ENV = kind.env === 'pixi' ? 'default' : 'env';
    vars.CONDA_SHLVL = '1';
    if (kind.env === 'pixi') {
      vars.PIXI_ENVIRONMENT_NAME = 'default';
      vars.PIXI_PROJECT_ROOT = l.proj;
      vars.PIXI_IN_SHELL = '1';
    }
  }
  if (s.user === 'PIP_USER=1') vars.PIP_USER = '1';
  if (s.user === 'pip.conf user') vars.PIP_CONFIG_FILE = l.conf;
  return hermeticEnv(l.home, vars);
}

interface Spawned {
  status: number | null;
  stderr: string;
}

function spawnAsync(argv: string[], env: Record<string, string>, cwd: string): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] as string, argv.slice(1), {
      env,
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      if (stderr.length < 20_000) stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      // The program is not on PATH: what a shell says with 127.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        resolve({ status: 127, stderr: String(e) });
      else reject(e);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
}

/** Runs argv as the scenario's user, Debian's root scenarios in a private mount namespace. */
function runAs(
  s: Scenario,
  l: Layout,
  argv: string[],
  env: Record<string, string>,
): Promise<Spawned> {
  if (asNobody(s)) {
    return spawnAsync(
      ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', ...argv],
      env,
      l.proj,
    );
  }
  if (s.kind === 'debian-root') {
    // /usr is an overlay whose writes land in the stage: root never touches the real /usr.
    mkdirSync(join(l.stage, 'upper'), { recursive: true });
    mkdirSync(join(l.stage, 'work'), { recursive: true });
    const mount = `mount -t overlay pipwarden-diff -o lowerdir=/usr,upperdir=${l.stage}/upper,workdir=${l.stage}/work /usr`;
    return spawnAsync(
      ['unshare', '-m', 'sh', '-c', `${mount} && exec "$@"`, 'sh', ...argv],
      env,
      l.proj,
    );
  }
  return spawnAsync(argv, env, l.proj);
}

/** Every dir named `name` below `dir` (not following links), skipping `skip`. */
function findDirs(dir: string, name: string, skip: string | null, out: string[] = []): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const p = join(dir, e.name);
    if (p === skip) continue;
    if (e.name === name) out.push(p);
    else findDirs(p, name, skip, out);
  }
  return out;
}

function siteHas(prefix: string | null): boolean {
  if (!prefix || !existsSync(join(prefix, 'lib'))) return false;
  return readdirSync(join(prefix, 'lib')).some((py) =>
    existsSync(join(prefix, 'lib', py, 'site-packages', 'pwdemo')),
  );
}

/** Where pwdemo is now: each place once, sorted. */
export function observe(l: Layout): Place[] {
  const places = new Set<Place>();
  if (siteHas(l.env)) places.add('env');
  if (siteHas(l.outer)) places.add('outer');
  for (const p of findDirs(l.home, 'pwdemo', join(l.home, '.cache'))) {
    places.add(
      /\/\.local\/lib\/python[\d.]+\/site-packages\/pwdemo$/.test(p) ? 'user' : 'elsewhere',
    );
  }
  if (findDirs(l.proj, 'pwdemo', l.env).length) places.add('elsewhere');
  for (const p of findDirs(l.out, 'pwdemo', null)) places.add(outPlace(l.out, p));
  const dl = join(l.out, 'dl');
  if (existsSync(dl) && readdirSync(dl).some((f) => f.startsWith('pwdemo-')))
    places.add('downloads');
  if (findDirs(join(l.stage, 'upper'), 'pwdemo', null).length) places.add('system');
  if (strayed()) places.add('stray');
  return [...places].sort();
}

/** Which of the scenario's out dirs `found` is in: `--target`'s, `--prefix`'s, or neither. */
function outPlace(out: string, found: string): Place {
  if (found.startsWith(`${join(out, 't')}/`)) return 'target';
  if (found.startsWith(`${join(out, 'p')}/`)) return 'prefix';
  return 'elsewhere';
}

/** Whether pwdemo is in any real machine interpreter (pyenv's, Debian's, /usr/local's, root's user site). */
export function strayed(): boolean {
  return machineSites().some((dir) =>
    dir.endsWith('/.local/lib')
      ? readdirSync(dir).some((py) => existsSync(join(dir, py, 'site-packages', 'pwdemo')))
      : existsSync(join(dir, 'pwdemo')),
  );
}

function planEntries(l: Layout): string {
  const plans = join(l.home, '.cache', 'pipwarden', 'plans');
  if (!existsSync(plans)) return '';
  return readdirSync(plans)
    .sort()
    .map((f) => `${f}@${statSync(join(plans, f)).mtimeMs}`)
    .join(',');
}

async function pass(
  ctx: RunContext,
  s: Scenario,
  l: Layout,
  argv: string[],
  shims: boolean,
): Promise<Pass> {
  const env = envOf(ctx, s, l, shims);
  if (s.action === 'uninstall') {
    // The seed: pip alone installs it first, the way this call's user mode says.
    const seed = argv.map((a) => (a === 'uninstall' ? 'install' : a)).filter((a) => a !== '-y');
    const at = seed.indexOf('install');
    seed.splice(at + 1, 0, '--no-index', '--find-links', ctx.wheels);
    await runAs(s, l, seed, envOf(ctx, s, l, false));
  }
  const started = Date.now();
  const r = await runAs(s, l, argv, env);
  return { exit: r.status, places: observe(l), stderr: r.stderr, ms: Date.now() - started };
}

/** One scenario: pip alone, then pipwarden, then pipwarden again in the same HOME. */
export async function runScenario(ctx: RunContext, s: Scenario): Promise<Result> {
  const l = layoutOf(ctx, s);
  const minor = ENV_KINDS[s.kind].minor;
  const argv = commandOf(s, minor, {
    wheels: ctx.wheels,
    target: join(l.out, 't'),
    prefix: join(l.out, 'p'),
    downloads: join(l.out, 'dl'),
    requirements: 'req.txt',
  });
  const isolated = s.isolated !== 'no';
  const intended = intendedPlaces({
    action: s.action,
    env: ENV_KINDS[s.kind].env,
    systemSitePackages: s.kind === 'venv-ssp',
    externallyManaged: s.kind.startsWith('debian'),
    baseWritable: s.kind !== 'plain-nobody',
    userMode: pipUserMode(s.user, isolated),
  });
  const t0 = Date.now();
  await reset(ctx, s, l, false);
  const tReset = Date.now() - t0;
  const alone = await pass(ctx, s, l, argv, false);
  await reset(ctx, s, l, false);
  // A first call with a cold probe cache keeps no plan (it ran the
  // interpreter to probe it); explain warms the probe cache as an earlier
  // call would, so the first pass leaves a plan and the second replays it.
  await runAs(
    s,
    l,
    [process.execPath, asNobody(s) ? ctx.main.nobody : ctx.main.root, 'explain', '--', ...argv],
    envOf(ctx, s, l, true),
  );
  const warden = await pass(ctx, s, l, argv, true);
  const entries = planEntries(l);
  await reset(ctx, s, l, true);
  const replay = await pass(ctx, s, l, argv, true);
  const replayed = entries !== '' && planEntries(l) === entries;
  rmSync(l.dir, { recursive: true, force: true });
  return {
    resetMs: tReset,
    scenario: s,
    argv,
    intended,
    alone,
    warden,
    replay,
    replayed,
    verdict: classify(alone, warden, intended),
    replayVerdict: classify(alone, replay, intended),
  };
}

/** Runs `items` through `work`, `jobs` at a time, in order of the results. */
export async function pool<T, R>(
  items: T[],
  jobs: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return out;
}
