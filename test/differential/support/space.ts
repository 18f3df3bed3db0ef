/**
 * The space the differential test samples: an env kind, a form of the call,
 * a user-mode source and a subcommand with its options. Pure: a scenario is
 * a value made from a seed, and the argv it runs is made from the scenario.
 */

/** Each kind of set-up, with the interpreter it is made from. */
export const ENV_KINDS = {
  /** venvs by pip version: pyenv 3.6 ships pip 18.1, 3.7 22.0.4, 3.12 23.2.1, 3.13 24.2. */
  'venv-pip18': { minor: '3.6', env: 'venv' },
  'venv-pip22': { minor: '3.7', env: 'venv' },
  'venv-pip23': { minor: '3.12', env: 'venv' },
  'venv-pip24': { minor: '3.13', env: 'venv' },
  /** pip 26.2.1 from /work/shared/pip-wheels. */
  'venv-pip26': { minor: '3.12', env: 'venv' },
  'venv-ssp': { minor: '3.12', env: 'venv' },
  /** Whole interpreters (makeWholeEnv), activated. */
  'conda-pip': { minor: '3.12', env: 'conda' },
  'conda-nopip': { minor: '3.12', env: 'conda' },
  'pixi-pip': { minor: '3.11', env: 'pixi' },
  'pixi-nopip': { minor: '3.13', env: 'pixi' },
  /** No env: a copied interpreter first on PATH, writable by the caller. */
  'plain-writable': { minor: '3.12', env: 'none' },
  /** No env: the same, root-owned, called as nobody. */
  'plain-nobody': { minor: '3.12', env: 'none' },
  /** Debian's externally managed /usr/bin/python3, as nobody. */
  'debian-nobody': { minor: '3.11', env: 'none' },
  /** Debian's, as root, in a private mount namespace with /usr an overlay. */
  'debian-root': { minor: '3.11', env: 'none' },
} as const;

export type EnvKind = keyof typeof ENV_KINDS;

export const FORMS = [
  'pip',
  'pip3',
  'pip3.X',
  'python -m pip',
  'python3 -m pip',
  'python3.X -m pip',
] as const;
export type Form = (typeof FORMS)[number];

export const USER_SOURCES = ['none', '--user', 'PIP_USER=1', 'pip.conf user', '--no-user'] as const;
export type UserSource = (typeof USER_SOURCES)[number];

export const ACTIONS = [
  'install',
  'install -U',
  'install -r',
  'install --target',
  'install --prefix',
  'install --dry-run',
  'uninstall',
  'download',
  'wheel',
] as const;
export type Action = (typeof ACTIONS)[number];

/** How an option is spelled: as pip's docs show it, `--opt=value`, or an unambiguous abbreviation. */
export const SPELLINGS = ['plain', 'equals', 'abbrev'] as const;
export type Spelling = (typeof SPELLINGS)[number];

export interface Scenario {
  id: number;
  kind: EnvKind;
  form: Form;
  user: UserSource;
  action: Action;
  spelling: Spelling;
  /** `--isolated` (or `--isol`), before or after the subcommand. */
  isolated: 'no' | 'before' | 'after';
  /** pip.conf `user = true` under `[global]` or `[install]`. */
  confSection: 'global' | 'install';
}

/** mulberry32: small, seeded, the same sequence on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

/**
 * `count` scenarios from `seed`, stratified on the env kind (the kinds take
 * turns, so every kind appears once `count` reaches their number) and on the
 * action, form and user source (each cycles through a seeded shuffle); the
 * rest is drawn uniformly.
 */
export function sample(seed: number, count: number, kinds: readonly EnvKind[]): Scenario[] {
  const next = rng(seed);
  const shuffled = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  const kindOrder = shuffled(kinds);
  const actionOrder = shuffled(ACTIONS);
  const formOrder = shuffled(FORMS);
  const userOrder = shuffled(USER_SOURCES);
  const out: Scenario[] = [];
  for (let id = 0; id < count; id++) {
    // Offsets by round keep the strata from locking to each other.
    const round = Math.floor(id / kindOrder.length);
    out.push({
      id,
      kind: kindOrder[id % kindOrder.length] as EnvKind,
      action: actionOrder[(id + round) % actionOrder.length] as Action,
      form: formOrder[(id + 2 * round) % formOrder.length] as Form,
      user: userOrder[(id + 3 * round) % userOrder.length] as UserSource,
      spelling: pick(next, SPELLINGS),
      isolated: next() < 0.8 ? 'no' : next() < 0.5 ? 'before' : 'after',
      confSection: next() < 0.5 ? 'global' : 'install',
    });
  }
  return out;
}

/** The paths a scenario's argv names. */
export interface ArgvPlaces {
  wheels: string;
  target: string;
  prefix: string;
  downloads: string;
  /** A requirements file, relative to the cwd. */
  requirements: string;
}

/** The command a scenario runs (the same bytes for pip alone and pipwarden). */
export function commandOf(s: Scenario, minor: string, p: ArgvPlaces): string[] {
  const head: Record<Form, string[]> = {
    pip: ['pip'],
    pip3: ['pip3'],
    'pip3.X': [`pip${minor}`],
    'python -m pip': ['python', '-m', 'pip'],
    'python3 -m pip': ['python3', '-m', 'pip'],
    'python3.X -m pip': [`python${minor}`, '-m', 'pip'],
  };
  return [...head[s.form], ...pipArgs(s, p)];
}

/** pip's arguments, after the program (and `-m pip`). */
export function pipArgs(s: Scenario, p: ArgvPlaces): string[] {
  const opt = (plain: string, abbrev: string, value: string): string[] =>
    s.spelling === 'equals'
      ? [`${plain}=${value}`]
      : s.spelling === 'abbrev'
        ? [abbrev, value]
        : [plain, value];
  const isolated = s.spelling === 'abbrev' ? '--isol' : '--isolated';
  const find = ['--no-index', ...opt('--find-links', '--find-l', p.wheels)];
  const user = s.user === '--user' ? ['--user'] : s.user === '--no-user' ? ['--no-user'] : [];
  const bySubcommand: Record<Action, string[]> = {
    install: ['install', ...find, ...user, 'pwdemo'],
    'install -U': [
      'install',
      // `--upgr` would be ambiguous with --upgrade-strategy.
      s.spelling === 'plain' ? '-U' : '--upgrade',
      ...find,
      ...user,
      'pwdemo',
    ],
    'install -r': [
      'install',
      ...find,
      ...user,
      ...(s.spelling === 'equals'
        ? [`--requirement=${p.requirements}`]
        : s.spelling === 'abbrev'
          ? [`-r${p.requirements}`]
          : ['-r', p.requirements]),
    ],
    'install --target': [
      'install',
      ...find,
      ...user,
      ...opt('--target', '--targ', p.target),
      'pwdemo',
    ],
    'install --prefix': [
      'install',
      ...find,
      ...user,
      ...opt('--prefix', '--prefi', p.prefix),
      'pwdemo',
    ],
    'install --dry-run': [
      'install',
      s.spelling === 'abbrev' ? '--dry' : '--dry-run',
      ...find,
      ...user,
      'pwdemo',
    ],
    uninstall: ['uninstall', '-y', ...user, 'pwdemo'],
    download: ['download', ...find, ...user, ...opt('--dest', '--des', p.downloads), 'pwdemo'],
    wheel: ['wheel', ...find, ...user, ...opt('--wheel-dir', '--wheel-d', p.downloads), 'pwdemo'],
  };
  const args = bySubcommand[s.action];
  if (s.isolated === 'before') return [isolated, ...args];
  if (s.isolated === 'after') return [args[0] as string, isolated, ...args.slice(1)];
  return args;
}

/** One line naming a scenario, for the report. */
export function describeScenario(s: Scenario): string {
  const iso = s.isolated === 'no' ? '' : ` isolated(${s.isolated})`;
  const conf = s.user === 'pip.conf user' ? `[${s.confSection}]` : '';
  return `#${s.id} ${s.kind} | ${s.form} | user:${s.user}${conf} | ${s.action} | ${s.spelling}${iso}`;
}
