import { basename, isAbsolute, resolve } from 'node:path';
import { PipwardenError } from '../../core/errors.js';
import {
  type InstalledBy,
  installedBy,
  type Provenance,
  type UserSiteTarget,
  userInstall,
} from '../../core/provenance/index.js';
import { shArgv } from '../../core/render/quote.js';
import { readAudit } from '../../io/audit/read-audit.js';
import { loadConfig } from '../../io/config/load-config.js';
import { isDir } from '../../io/fs-checks.js';
import { findOnPath } from '../../io/interpreter/which.js';
import { auditLogPath } from '../../io/paths.js';
import { shimDirsToSkip } from '../../io/shims/marked-shim-dirs.js';
import { disposableBase } from '../../io/user-site/disposable-base.js';
import { removeByRecord } from '../../io/user-site/remove-by-record.js';
import {
  inspectUserSite,
  removeBase,
  type UserSiteInfo,
  uninstallFromUserSite,
} from '../../io/user-site/user-site.js';
import { parsedSpec, synopsis } from '../command-specs.js';
import { confirm } from '../confirm.js';
import type { Command, CommandContext } from '../context.js';
import { splitArgs } from '../split-args.js';

/**
 * `pipwarden user list|clean`: what user installs left behind, and a way to
 * remove it. `list` shows the user site (~/.local) and the disposable base;
 * `clean` empties the disposable base when `disposableUserSite` is on (one
 * step: the whole base is ours), else uninstalls the user site's packages
 * through pip, so RECORD files are honoured and scripts go too.
 */
export const user: Command = async (args, ctx) => {
  const [sub, ...rest] = args;
  if (sub === 'list') return list(rest, ctx);
  if (sub === 'clean') return clean(rest, ctx);
  throw new PipwardenError(
    'usage',
    `user: expected list or clean${sub === undefined ? '' : `, got "${sub}"`}`,
    ['user list', 'user clean']
      .map((n) => `pipwarden ${synopsis(parsedSpec(n)!)}`)
      .join('   or   '),
  );
};

async function list(args: string[], ctx: CommandContext): Promise<number> {
  const { flags, values } = only('user list', args);
  const python = pythonFor(values.get('--python'), ctx);
  const sites = await bothSites(python, ctx);
  const shown = await withProvenance(sites, ctx);
  if (flags.has('--json')) {
    ctx.stdout.write(`${JSON.stringify({ python, ...shown }, null, 2)}\n`);
    return 0;
  }
  for (const [label, info] of [
    ['user site', shown.userSite],
    ['disposable', shown.disposable],
  ] as const) {
    if (info === null) continue;
    const pkgs = info.packages;
    const what =
      pkgs === null
        ? 'unknown (no pip)'
        : pkgs.length === 0
          ? 'empty'
          : `${pkgs.length} package(s)`;
    ctx.stdout.write(`${label}: ${info.site} (${what})\n`);
    for (const p of pkgs ?? []) {
      ctx.stdout.write(`  ${p.name} ${p.version}  ${describeInstalledBy(p.installedBy)}\n`);
    }
  }
  return 0;
}

async function clean(args: string[], ctx: CommandContext): Promise<number> {
  const { flags, values } = only('user clean', args);
  const python = pythonFor(values.get('--python'), ctx);
  const loaded = await loadConfig({ cwd: ctx.cwd, env: ctx.env, home: ctx.home });
  const sites = await bothSites(python, ctx);
  const disposable = loaded.resolved.config.disposableUserSite;
  const target = disposable ? sites.disposable : sites.userSite;
  const pkgs = target?.packages ?? [];
  if (target === null || (pkgs.length === 0 && !(disposable && isDir(target.base)))) {
    ctx.stderr.write(`pipwarden: user clean: nothing to remove for ${python}\n`);
    return 0;
  }
  const names = pkgs.map((p) => p.name);
  const what = disposable
    ? `the disposable user base ${target.base} (${names.join(', ') || 'no packages'})`
    : `${names.length} package(s) from the user site ${target.site}: ${names.join(', ')}`;
  if (flags.has('--dry-run')) {
    ctx.stdout.write(`would remove ${what}\n`);
    return 0;
  }
  if (!flags.has('--yes')) {
    const stdin = process.stdin;
    if (!stdin.isTTY) {
      throw new PipwardenError(
        'usage',
        `user clean: no terminal to confirm removing ${what}`,
        'pipwarden user clean --yes (or --dry-run to see it first)',
      );
    }
    if (!(await confirm(`pipwarden: remove ${what}?`, stdin, process.stderr))) {
      ctx.stderr.write('pipwarden: user clean: nothing removed\n');
      return 1;
    }
  }
  if (disposable) {
    removeBase(target.base);
    ctx.stderr.write(`pipwarden: removed ${target.base}\n`);
    return 0;
  }
  return uninstallAndCheck(python, target, names, ctx);
}

/**
 * pip uninstall where pip acts on the user site; where it will not (a
 * venv's pip: "Not uninstalling … outside environment", exit 0), and for
 * whatever pip left, removal by RECORD. Then the site is listed again:
 * only what is gone is reported gone, and anything left fails the command.
 */
async function uninstallAndCheck(
  python: string,
  target: UserSiteInfo,
  names: string[],
  ctx: CommandContext,
): Promise<number> {
  const code = target.inVenv ? 0 : await uninstallFromUserSite(python, ctx.env, names, true);
  const still = async () => {
    const now = await inspectUserSite(python, ctx.env, null);
    const left = new Set((now.packages ?? []).map((p) => p.name.toLowerCase()));
    return names.filter((n) => left.has(n.toLowerCase()));
  };
  let left = await still();
  if (left.length > 0) {
    for (const r of removeByRecord(target.site, target.base, left)) {
      ctx.stderr.write(
        r.problem === undefined
          ? `pipwarden: removed ${r.name} ${r.version} from ${target.site} (${r.files} files, by its RECORD: ${target.inVenv ? `the pip of the venv ${python} does not uninstall outside it` : 'pip left it'})\n`
          : `pipwarden: user clean: ${r.problem}\n`,
      );
    }
    left = await still();
  }
  if (left.length > 0) {
    ctx.stderr.write(
      `pipwarden: user clean: still in ${target.site}: ${left.join(', ')}\npipwarden: next: python3 -m pip uninstall ${left.join(' ')} with a python whose pip is not a venv's (or remove them by hand)\n`,
    );
    return code === 0 ? 1 : code;
  }
  return code;
}

type Shown = Omit<UserSiteInfo, 'packages'> & { packages: Provenance[] | null };

/**
 * Each package with the pip command that put it there, from the user's
 * audit log (and its rotated `.1`). The log is read only when there is
 * something to explain; an unreadable one costs a line on stderr, never the
 * listing.
 */
async function withProvenance(
  sites: { userSite: UserSiteInfo; disposable: UserSiteInfo | null },
  ctx: CommandContext,
): Promise<{ userSite: Shown; disposable: Shown | null }> {
  const any = [sites.userSite, sites.disposable].some((s) => (s?.packages?.length ?? 0) > 0);
  const path = auditLogPath(ctx.env);
  const read =
    any && path !== null
      ? await readAudit(path, (r) => userInstall(r) !== null)
      : { records: [], problems: [] };
  for (const problem of read.problems) {
    ctx.stderr.write(
      `pipwarden: user list: cannot read the audit log ${problem}: install commands not shown; next: check that file's type, owner and mode\n`,
    );
  }
  const [major, minor] = sites.userSite.version;
  const explain = (info: UserSiteInfo, target: UserSiteTarget): Shown => ({
    ...info,
    packages: info.packages && installedBy(info.packages, read.records, target),
  });
  return {
    userSite: explain(sites.userSite, { kind: 'user', pythonVersion: `${major}.${minor}` }),
    disposable:
      sites.disposable &&
      explain(sites.disposable, {
        kind: 'disposable',
        base: disposableBase(ctx.env, sites.userSite.version),
      }),
  };
}

/** `pip install --user x  (2026-11-22 16:01 UTC, in /w)`, or why there is none. */
function describeInstalledBy(by: InstalledBy | null): string {
  if (by === null) return '(not seen by pipwarden)';
  const when = by.time.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  const words = by.argv.map((a) => a.replaceAll('\0', ''));
  const cmd = shArgv([basename(words[0] ?? 'pip'), ...words.slice(1)]);
  return `${cmd}  (${when}, in ${by.cwd})`;
}

async function bothSites(
  python: string,
  ctx: CommandContext,
): Promise<{ userSite: UserSiteInfo; disposable: UserSiteInfo | null }> {
  const userSite = await inspectUserSite(python, ctx.env, null);
  const base = disposableBase(ctx.env, userSite.version);
  const disposable = isDir(base) ? await inspectUserSite(python, ctx.env, base) : null;
  return { userSite, disposable };
}

function pythonFor(named: string | undefined, ctx: CommandContext): string {
  const name = named ?? 'python3';
  if (name.includes('/')) return isAbsolute(name) ? name : resolve(ctx.cwd, name);
  // Past every shim dir on PATH: the shim dir, follow dirs, another rehash --dir's.
  const exclude = shimDirsToSkip(ctx.env, ctx.cwd);
  const found = findOnPath(name, ctx.env.PATH ?? '', { exclude, cwd: ctx.cwd });
  if (found === null) {
    throw new PipwardenError(
      'not-found',
      `user: ${name} not found on PATH`,
      'pipwarden user list --python /path/to/python3',
    );
  }
  return found;
}

function only(command: string, args: string[]) {
  const parsed = splitArgs(command, args);
  if (parsed.rest.length > 0) {
    throw new PipwardenError(
      'usage',
      `${command}: unexpected argument "${parsed.rest[0]}"`,
      `pipwarden ${command} --help`,
    );
  }
  return parsed;
}
