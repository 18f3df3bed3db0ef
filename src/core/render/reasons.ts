import type { SettingSource } from '../facts.js';
import type { ImportOverride } from '../import-override.js';
import type {
  ForeignDid,
  ForeignEnv,
  Found,
  FoundDid,
  NoPipDid,
  PipCannot,
  Pipless,
  PixiDid,
  RuleRef,
  UserOff,
  Why,
} from '../reason.js';
import { mismatchText } from './mismatch-text.js';
import { stepsText, stepText } from './next-steps.js';
import { describeSource, locationText } from './source-text.js';

/**
 * A reason in words: the long sentence `explain` lists under `reasons:`,
 * and the line a situation prints when it has no short form. Every word of
 * a reason is written here, from the value the decision returned
 * (src/core/reason.ts).
 */
export function reasonText(why: Why): string {
  switch (why.kind) {
    case 'disabled':
      return 'PIPWARDEN_DISABLE=1';
    case 'not-pip':
      return `not a pip call: ${why.name} runs unchanged`;
    case 'no-change':
      return `pip ${why.subcommand ?? '(no subcommand)'} changes no environment`;
    case 'no-site':
      return 'python -S: site is not imported, so pip is not imported from site-packages';
    case 'no-interpreter':
      return `the interpreter behind ${why.tool} could not be determined`;
    case 'python-named':
      return 'pip --python names the target interpreter explicitly';
    case 'explicit-location':
      return `the install location is explicit (${locationText(why.location)})`;
    case 'cwd-gone': {
      const where = why.cwd ? ` ${why.cwd}` : '';
      return `the current directory${where} no longer exists: no project config can be read, so the call runs unchanged and pip reports it`;
    }
    case 'nothing-applies':
      return 'no situation applies';
    case 'rule':
      return `${ruleText(why.rule)}: ${RULE_DID[why.did]}`;
    case 'rule-user':
      return `${ruleText(why.rule)}: installing with --user into ${why.userSite}`;
    case 'rule-refuses':
      return why.message ?? `${ruleText(why.rule)} refuses this install`;
    case 'rule-index':
      return `${why.url} (${indexSourceText(why.key, why.source)}) is not an approved index, by ${ruleText(why.rule)}`;
    case 'rule-location':
      return `${locationText(why.location)}: an explicit install location, refused by ${ruleText(why.rule)}`;
    case 'unseen-pip':
      return `${unseenPipText(why.noSite, why.overrides).join('; ')}: pipwarden cannot check this pip against the policy locked by ${why.lock}`;
    case 'user-in-venv':
      return `user mode (${userFrom(why.from)}) inside the venv ${why.prefix}`;
    case 'user-ignored-in-venv':
      return `installing into the venv ${why.prefix}, not the user site: ${userFrom(why.from)} is ignored in a venv`;
    case 'pip-python-mismatch':
      return mismatchText(why.mismatch);
    case 'user-off-in-venv':
      return `installing into the venv ${why.prefix}, not the user site ${why.userSite}: ${userFrom(why.from)} is turned off in a venv`;
    case 'user-in-conda-env': {
      const site = why.userSite ? ` ${why.userSite}` : '';
      return `user mode (${userFrom(why.from)}) inside the ${why.envKind} env ${why.prefix}: pip would install into the user site${site}, outside the env`;
    }
    case 'user-off-in-conda-env':
      return `installing into the active ${why.envKind} env ${why.prefix}, not the user site${userOffText(why.userOff)}`;
    case 'user-off-for-location':
      return `installing into ${locationText(why.location)}, not the user site: user mode (${describeSource(why.from)}) is turned off, as pip cannot combine it with --${why.location.kind}`;
    case 'env-requires-virtualenv':
      return `${why.envKind} env ${why.prefix} is active, but pip requires a virtualenv (${describeSource(why.required)}) and would refuse it, so pip runs as typed`;
    case 'foreign-env':
      return foreignText(why.env, why.did);
    case 'no-pip':
      return noPipText(why.pipless, why.did);
    case 'found':
      return foundText(why.found, why.did);
    case 'pep668-refusal': {
      const words = why.marker ? `: "${condense(why.marker)}"` : '';
      return `${why.executable} is externally managed (PEP 668), so pip would refuse${words}`;
    }
    case 'sudo': {
      const what = `running pip as root via sudo (SUDO_USER=${why.sudoUser}) writes root-owned files into ${why.prefix}`;
      return why.next ? `${what}. Next: ${stepText(why.next)}` : what;
    }
    case 'pixi-env':
      return pixiText(why.prefix, why.subcommand, why.did);
  }
}

function pixiText(prefix: string, subcommand: 'install' | 'uninstall', did: PixiDid): string {
  const into = subcommand === 'install' ? 'into' : 'from';
  const what = `pip would ${subcommand} ${into} pixi env ${prefix}, which pixi's lock file does not record`;
  switch (did.kind) {
    case 'refused':
      return what;
    case 'pip':
      return `${what}; pip runs as typed`;
    case 'pixi-add':
      return `${what}; running ${did.exe} add --manifest-path ${did.manifest} --pypi ${did.specs.join(' ')} in ${did.root} instead`;
  }
}

const RULE_DID = {
  pass: 'pip runs unchanged',
  env: 'installing into the env',
  venv: 'installing into a venv',
} as const;

function ruleText(rule: RuleRef): string {
  return `rule ${rule.name ? `"${rule.name}" ` : ''}in ${rule.file ?? 'config'}`;
}

/** Why python may import another pip than the one probed (src/core/decide/unseen-pip.ts). */
export function unseenPipText(noSite: boolean, overrides: ImportOverride[]): string[] {
  const why = noSite
    ? [
        'python -S (site is not imported: pip can only come from PYTHONPATH or the cwd, and a venv keeps its base interpreter’s sys.prefix)',
      ]
    : [];
  return [...why, ...overrides.map(importOverrideText)];
}

/** What puts another pip (or prefix) in python's way, in words. */
export function importOverrideText(found: ImportOverride): string {
  switch (found.kind) {
    case 'first-dir':
      return `${found.dir} holds a pip that python imports first`;
    case 'pythonpath':
      return found.archive
        ? `PYTHONPATH names ${found.entry}, an archive python imports from`
        : `PYTHONPATH names ${found.entry}, which holds a pip`;
    case 'pythonhome':
      return `PYTHONHOME=${found.home} (another prefix)`;
    case 'userbase':
      return `PYTHONUSERBASE=${found.base} holds a pip`;
  }
}

function userFrom(from: SettingSource | null): string {
  return from ? describeSource(from) : '--user';
}

/** The clause of a notice that says user mode was turned off for an env. */
export function userOffText(off: UserOff | null): string {
  return off ? `; user mode (${userFrom(off.from)}) is turned off` : '';
}

/** The clause a reason ends with when user mode was left on for another interpreter. */
function userKeptReason(kept: UserOff | null | undefined): string {
  return kept
    ? `; user mode (${userFrom(kept.from)}) stays on: the install goes into that interpreter's user site`
    : '';
}

/** The clause a reason ends with when user mode was turned off. */
function userOffReason(off: UserOff | null): string {
  return off ? `${userOffText(off)}: the install goes into the env` : '';
}

function foreignText(env: ForeignEnv, did: ForeignDid): string {
  const what = `${env.envKind} env ${env.prefix} is active (${env.source}) but ${env.tool} belongs to ${env.owner}`;
  switch (did.kind) {
    case 'refused':
      return what;
    case 'own-pip':
      return `${what}; using the env's own pip${userOffReason(did.userOff)}${userKeptReason(did.userKept)}`;
    case 'python-option':
      return `${what}; the env has no pip, so running pip ${did.pipVersion} --python ${did.python}${userOffReason(did.userOff)}${userKeptReason(did.userKept)}`;
    case 'pip-too-old':
      return `${what}; the env has no pip, and pip ${did.pipVersion ?? '(none)'} is older than ${did.since}, so it cannot target another interpreter`;
    case 'other-python-option':
      return `${what}; the env has no pip, and ${cannotText(did.own)}, so running pip ${did.version} (${did.path}) --python ${did.python}${userOffReason(did.userOff)}${userKeptReason(did.userKept)}`;
    case 'no-pip-fits':
      return `${what}; the env has no pip, and ${cannotText(did.own)}, ${did.other === null ? 'and no other pip is on PATH' : `nor can ${cannotText(did.other.cannot)} (${did.other.path})`}`;
  }
}

/** Why a pip cannot serve `--python`, naming the pip: `pip 24.2 requires Python >=3.8 …`. */
export function cannotText(c: PipCannot): string {
  const name = `pip ${c.pipVersion ?? '(none)'}`;
  switch (c.why.kind) {
    case 'no-python-option':
      return `${name} is older than ${c.why.since}, so it cannot target another interpreter`;
    case 'requires-python':
      return `${name} requires Python ${c.why.requires} and cannot run under Python ${c.why.python}`;
    case 'too-old-for':
      return `${name} is older than ${c.why.since}, so it cannot run under Python ${c.why.python} (3.12 removed pkgutil.ImpImporter, which it imports)`;
  }
}

function noPipText(p: Pipless, did: NoPipDid): string {
  const where = p.envKind === 'system' ? p.prefix : `${p.envKind} env ${p.prefix}`;
  const what = `${p.executable} has no pip (${where})`;
  switch (did.kind) {
    case 'refused':
      return what;
    case 'no-other-pip':
      return `${what}, and no other pip is on PATH`;
    case 'other-too-old':
      return `${what}, and pip ${did.version} (${did.path}) is older than ${did.since}, so it cannot target another interpreter`;
    case 'other-pip':
      return `${what}; running pip ${did.version} (${did.path}) --python ${p.executable}${userKeptReason(did.userKept)}`;
    case 'other-cannot':
      return `${what}, and ${cannotText(did.cannot)} (${did.path})`;
    case 'other-pip-location':
      return `${what}; running pip ${did.version} (${did.path}) --python ${p.executable}, which installs to the location given (${locationText(did.location)})`;
  }
}

function foundText(found: Found, did: FoundDid): string {
  const what = foundWhat(found);
  switch (did.kind) {
    case 'refused':
      return what;
    case 'pip-will-refuse':
      return `${what}; pip will refuse. Next: ${stepsText(did.next)}`;
    case 'no-break-option':
      return `${what}; pip ${did.pipVersion} has no --break-system-packages (it came in ${did.since}), so pip will refuse. Next: ${stepText(did.next)}`;
    case 'break-system-packages':
      return `${what}; adding --break-system-packages (allowBreakSystemPackages: true)`;
    case 'no-user-fallback':
      return `${what}, and pip ${did.pipVersion ?? '(unknown)'} has no user-site fallback (pip ≥ ${did.since}), so it will fail with Permission denied. Next: ${stepsText(did.next)}`;
    case 'user-site': {
      const onPath = did.onPath
        ? `scripts go to ${did.scripts}, which is on PATH`
        : `scripts go to ${did.scripts}, which is NOT on PATH: add it with export PATH="${did.scripts}:$PATH"`;
      return `${what}; installing with --user into ${did.userSite} (${onPath})`;
    }
    case 'venv-missing-uninstall':
      return `${what}; the venv ${did.path} does not exist, so there is nothing to uninstall there: pip uninstalls from ${did.prefix}`;
    case 'venv-no-create':
      return `${what}, and the venv ${did.path} does not exist (venv.create: false)`;
    case 'venv-unvouched':
      return `${what}, and the venv ${did.path} was not made by pipwarden, trusted or activated by you, so pipwarden will not run its python (a cloned repository can ship a .venv that runs its own code)`;
    case 'venv-no-python':
      return `${what}, and the venv ${did.path} has no bin/python`;
    case 'venv-no-pip':
      return `${what}, and ${venvMissingPip(did.path)}`;
    case 'venv-pipless':
      return `${what}; ${venvMissingPip(did.path)}: installing into it with pip ${did.pipVersion} --python ${did.path}/bin/python. To give it its own pip: ${did.path}/bin/python -m ensurepip, or ${stepText(did.rebuild)}`;
    case 'venv':
      return `${what}; installing into ${did.exists ? 'the venv' : 'a new venv'} ${did.path}`;
  }
}

function foundWhat(found: Found): string {
  switch (found.kind) {
    case 'no-env':
      return `${found.tool} is not in a venv, conda or pixi env (${found.prefix})`;
    case 'externally-managed':
      return `${found.executable} is externally managed (PEP 668: ${found.marker})`;
    case 'not-writable':
      return `${found.purelib} is not writable`;
    case 'rule':
      return ruleText(found.rule);
  }
}

function venvMissingPip(path: string): string {
  return `the venv ${path} has no pip (python -m venv stopped in ensurepip, or it was made --without-pip)`;
}

/** `PIP_INDEX_URL in the environment`, `/etc/pip.conf [global]`, `--index-url X`. */
export function indexSourceText(key: string, src: SettingSource | 'default'): string {
  if (src === 'default') return "pip's default index";
  if (src.kind === 'argv') return `${src.where} on the command line`;
  if (src.kind === 'env') return `${src.where} in the environment`;
  return `${key} in ${src.where}${src.section ? ` [${src.section}]` : ''}`;
}

/** The marker's first paragraph on one line: Debian's is 13 lines, its first says what to do. */
export function condense(text: string): string {
  const first = text.trim().split(/\n\s*\n/)[0] ?? '';
  const line = first.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 197)}…` : line;
}
