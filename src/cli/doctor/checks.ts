import { mismatchText } from '../../core/render/mismatch-text.js';
import { SHIM_FORMAT } from '../../core/render/shim.js';
import type { Check, DoctorReport } from './report.js';

type Facts = Omit<DoctorReport, 'checks'>;

/**
 * Each check looks at the gathered report and says ok, or what is wrong and
 * the fix. Pure: no reads here, so each is a few lines of judgement.
 */
export function nodeCheck(r: Facts): Check[] {
  const major = Number(r.pipwarden.node.split('.')[0]);
  return major >= 20
    ? [{ status: 'ok', what: `node ${r.pipwarden.node}` }]
    : [
        {
          status: 'fail',
          what: `node ${r.pipwarden.node} is older than 20`,
          next: 'install Node 20 or newer, then pipwarden rehash',
        },
      ];
}

export function shimChecks(r: Facts): Check[] {
  const { shims } = r.pipwarden;
  const dir = shims.dir;
  if (shims.notADir)
    return [
      {
        status: 'fail',
        what: `the shim dir ${dir} cannot be listed (not a directory)`,
        next: 'set PIPWARDEN_SHIM_DIR to a directory you own (or unset it), then pipwarden rehash',
      },
    ];
  if (!shims.exists)
    return [{ status: 'fail', what: `no shim dir at ${dir}`, next: 'pipwarden rehash' }];
  const ours = shims.shims.filter((s) => s.stamp !== null);
  if (ours.length === 0)
    return [{ status: 'fail', what: `no shims in ${dir}`, next: 'pipwarden rehash' }];
  const out: Check[] = [];
  const follow = shims.follow.filter((s) => s.stamp !== null);
  const stale = [...ours, ...follow].filter(
    (s) => s.stamp?.format !== SHIM_FORMAT || s.stamp.version !== r.pipwarden.version,
  );
  if (stale.length) {
    const names = stale.slice(0, 3).map((s) => s.name);
    out.push({
      status: 'warn',
      what: `${stale.length} of ${ours.length + follow.length} shims in ${dir} were written by another pipwarden version (${names.join(', ')}${stale.length > 3 ? ', …' : ''})`,
      next: 'pipwarden rehash',
    });
  } else if (r.pipwarden.unshimmed.length === 0) {
    out.push({ status: 'ok', what: `${ours.length} shims in ${dir}, all current` });
  }
  out.push(...unshimmedChecks(r));
  const gone = ours.find((s) => s.node !== null && !s.nodeExists);
  if (gone) {
    out.push({
      status: 'fail',
      what: `the shims run ${gone.node}, which is gone`,
      next: 'pipwarden rehash',
    });
  }
  return out;
}

/**
 * Commands on this PATH (or in pyenv's versions) that no shim routes here,
 * one line per fix: a follow shim this shell's PATH lacks (no prompt hook
 * ran), a name on PATH with no shim (`rehash --follow`, which the hook runs
 * at the next prompt), a pyenv version's name (`rehash`).
 */
function unshimmedChecks(r: Facts): Check[] {
  const { unshimmed, shims, shimDirWritable } = r.pipwarden;
  const dir = shims.dir;
  const groups = [
    { fix: 'hook', of: unshimmed.filter((m) => m.onPath && m.followShim) },
    { fix: 'follow', of: unshimmed.filter((m) => m.onPath && !m.followShim) },
    { fix: 'rehash', of: unshimmed.filter((m) => !m.onPath) },
  ] as const;
  const out: Check[] = [];
  for (const { fix, of } of groups) {
    if (of.length === 0) continue;
    const named = of
      .slice(0, 3)
      .map((m) => `${m.from}/${m.name}`)
      .join(', ');
    const where =
      fix === 'hook'
        ? `whose follow shim in ${dir}/.follow is not on this PATH`
        : `with no shim in ${dir}`;
    const names = [...new Set(of.map((m) => m.name))].join(' ');
    out.push({
      status: 'warn',
      what: `${of.length === 1 ? 'a command' : `${of.length} commands`} on PATH ${where}, so ${of.length === 1 ? 'it runs' : 'they run'} without pipwarden: ${named}${of.length > 3 ? ', …' : ''}`,
      // A follow shim that exists needs only a hook; the others need a write to the dir.
      next:
        fix === 'hook'
          ? 'the prompt hook puts follow shims on PATH: open a new shell (or run the pipwarden init line of your rc file in this one)'
          : !shimDirWritable
            ? `${dir} is not yours to rewrite: ask whoever installed it to run its rehash again (a system install: ./install.sh --system), or ./install.sh for shims of your own`
            : fix === 'follow'
              ? `pipwarden rehash --follow ${names} (the prompt hook runs it at the next prompt of a shell that has it)`
              : 'pipwarden rehash',
    });
  }
  return out;
}

const ADD_LINE: Record<string, string> = {
  bash: `add eval "$(pipwarden init bash)" to ~/.bashrc, then open a new shell`,
  zsh: `add eval "$(pipwarden init zsh)" to ~/.zshrc, then open a new shell`,
  fish: 'add pipwarden init fish | source to ~/.config/fish/config.fish, then open a new shell',
};

/** The hook is what keeps the shim dir first; an rc line already there means "open a new shell". */
export function hookCheck(r: Facts): Check[] {
  const p = r.pipwarden;
  if (p.shimDirFirstOnPath)
    return [{ status: 'ok', what: 'the shim dir is first on PATH (the shell hook is active)' }];
  const line = p.initLines.find((l) => l.shell === p.shell) ?? p.initLines[0];
  const next = line
    ? `${line.file} already runs pipwarden init: open a new shell (or source it) in this one`
    : (ADD_LINE[p.shell ?? ''] ?? ADD_LINE.bash);
  return [
    {
      status: 'warn',
      what: 'the shim dir is not first on PATH in this shell, so pip is not routed',
      next,
    },
  ];
}

/** zsh completion needs compinit; pipwarden does not run it for the user (it is slow and checks permissions). */
export function zshCompletionCheck(r: Facts): Check[] {
  if (r.pipwarden.zshCompinit !== false) return [];
  return [
    {
      status: 'warn',
      what: '~/.zshrc does not run compinit, so zsh completes neither pipwarden nor pip',
      next: 'add autoload -Uz compinit && compinit before the pipwarden init line in ~/.zshrc',
    },
  ];
}

export function pathChecks(r: Facts): Check[] {
  const out: Check[] = [];
  const pip = r.path.find((p) => p.name === 'pip');
  const python3 = r.path.find((p) => p.name === 'python3');
  if (pip?.resolvesTo === null && python3?.resolvesTo === null) {
    out.push({
      status: 'fail',
      what: 'no pip and no python3 on PATH',
      next: 'install Python 3, or activate an env',
    });
  }
  return out;
}

export function configChecks(r: Facts): Check[] {
  const c = r.pipwarden.config;
  const out: Check[] = c.errors.map((e) => ({
    status: 'fail' as const,
    what: e,
    next: 'fix the file; pipwarden config shows the result',
  }));
  for (const w of c.warnings)
    out.push({ status: 'warn', what: w, next: 'pipwarden config shows what applies' });
  return out;
}

export function interpreterChecks(r: Facts): Check[] {
  const i = r.pip.interpreter;
  if (r.pip.error)
    return [
      {
        status: 'fail',
        what: r.pip.error,
        next: `run ${r.pip.command ?? 'python3'} --version by hand`,
      },
    ];
  if (i === null) return [];
  const out: Check[] = [];
  if (i.enableUserSite && !i.userScriptsOnPath && i.envKind === 'system') {
    out.push({
      status: 'warn',
      what: `${i.userScripts} is not on PATH: scripts installed with --user won't be found`,
      next: `add export PATH="${i.userScripts}:$PATH" to your shell's start-up file`,
    });
  }
  if (i.externallyManaged && r.pipInstall?.action !== 'rewrite') {
    out.push({
      status: 'warn',
      what: `${i.executable} is externally managed (PEP 668): pip install will refuse outside a venv`,
      next: 'python3 -m venv .venv && . .venv/bin/activate, or set onExternallyManaged: venv',
    });
  }
  if (i.pipVersion === null && r.activeEnv === null) {
    out.push({
      status: 'warn',
      what: `${i.executable} has no pip`,
      next: `${i.executable} -m ensurepip --user`,
    });
  }
  return out;
}

export function pipSettingChecks(r: Facts): Check[] {
  const s = r.pipSettings;
  const out: Check[] = [];
  for (const bad of s.invalid ?? []) {
    const where =
      bad.source.kind === 'file'
        ? `${bad.source.where}${bad.source.section ? ` [${bad.source.section}]` : ''}`
        : bad.source.where;
    out.push({
      status: 'fail',
      what: `${where}: ${bad.key ? `${bad.key} = ${bad.value}: ` : ''}${bad.message} (pip exits 2 before doing anything)`,
      next: `fix or remove it in ${bad.source.where}`,
    });
  }
  const env = r.pip.interpreter?.envKind;
  if (s.user?.value === true && env === 'venv') {
    out.push({
      status: 'warn',
      what: `user mode is on (${s.user.source.where}) inside a venv: pip would refuse, pipwarden drops it`,
      next:
        s.user.source.kind === 'env'
          ? `unset ${s.user.source.where}`
          : `remove user = true from ${s.user.source.where}`,
    });
  }
  if (s.requireVirtualenv?.value === true && env === 'system') {
    out.push({
      status: 'warn',
      what: `require-virtualenv is on (${s.requireVirtualenv.source.where}): pip refuses to install outside a venv`,
      next: 'python3 -m venv .venv && . .venv/bin/activate',
    });
  }
  return out;
}

export function disabledCheck(r: Facts): Check[] {
  return r.pipwarden.disabled
    ? [
        {
          status: 'warn',
          what: 'PIPWARDEN_DISABLE=1: every call passes straight through',
          next: 'unset PIPWARDEN_DISABLE',
        },
      ]
    : [];
}

export function planCacheCheck(r: Facts): Check[] {
  const { on, dir, entries } = r.pipwarden.planCache;
  if (!on) {
    return [
      {
        status: 'warn',
        what: 'the plan cache is off (PIPWARDEN_PLAN_CACHE=0): every routed pip call starts Node',
        next: 'unset PIPWARDEN_PLAN_CACHE (docs/plan-cache.md)',
      },
    ];
  }
  if (dir === null) {
    return [
      {
        status: 'warn',
        what: "no cache dir of this user's own (HOME is relative, or another user owns it, as under sudo -E): every routed pip call starts Node",
        next: 'run as the user who owns HOME, or use sudo -H',
      },
    ];
  }
  return [{ status: 'ok', what: `plan cache: ${entries} entries in ${dir}` }];
}

/**
 * pip and python disagree on this PATH: the same line the shim prints, with
 * what onPipPythonMismatch does about it.
 */
export function mismatchCheck(r: Facts): Check[] {
  const pip = r.pip.interpreter;
  const imp = r.importer;
  if (pip === null || imp === null) return [];
  const named = (i: typeof pip) => ({
    executable: i.executable,
    version: [i.version[0], i.version[1]] as [number, number],
    prefix: i.prefix,
  });
  const action = r.onPipPythonMismatch;
  const what = mismatchText({
    via: imp.via,
    name: imp.name,
    pip: named(pip),
    importer: named(imp.interpreter),
    action: action === 'python' ? 'python' : action === 'refuse' ? 'refuse' : 'warn',
    through: action === 'python' ? 'python-m-pip' : null,
    kept: null,
  });
  return [
    {
      status: 'warn',
      what: `${what} (onPipPythonMismatch: ${action})`,
      next: `put ${imp.name}'s bin dir before ${r.pip.command}'s on PATH, or use ${imp.name} -m pip`,
    },
  ];
}
