import type { PipInvocation } from '../argv/types.js';
import type { PipSettings } from '../facts.js';
import type { PixiMiss } from '../outcome.js';

export type { PixiMiss } from '../outcome.js';

// PEP 508 names, extras and version specifiers; nothing else (no URL, path, marker).
const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
const SPEC = '(?:~=|===|==|!=|<=|>=|<|>)\\s*[A-Za-z0-9.*+!_-]+';
const REQUIREMENT = new RegExp(
  `^${NAME}\\s*(?:\\[\\s*${NAME}(?:\\s*,\\s*${NAME})*\\s*\\])?\\s*(?:${SPEC}(?:\\s*,\\s*${SPEC})*)?$`,
);
// pip reads an argument ending so as a file (is_archive_file, pip/_internal/utils/filetypes.py).
const ARCHIVE = /\.(?:whl|zip|tar|tgz|tbz|txz|tlz|tar\.gz|tar\.bz2|tar\.xz|tar\.lz|tar\.lzma)$/i;

/** A requirement `pixi add --pypi` takes as pip does: `requests`, `Foo[bar]>=2,<3`. */
export function plainRequirement(arg: string): boolean {
  return REQUIREMENT.test(arg) && !ARCHIVE.test(arg);
}

/**
 * The requirements of `pip install <reqs>` as `pixi add --pypi` would take
 * them, byte for byte, or why they cannot be: any option (before or after
 * the subcommand, or `--`), any argument that pip would read as a path, URL
 * or file, or a pip setting that changes where pip looks for packages.
 */
export function pixiSpecs(inv: PipInvocation, settings: PipSettings): string[] | PixiMiss {
  if (inv.subcommand !== 'install') return { kind: 'uninstall' };
  const first = [...inv.globals, ...inv.options, ...inv.misplaced].sort(
    (a, b) => a.start - b.start,
  )[0];
  if (first) return { kind: 'option', option: inv.argv.slice(first.start, first.end).join(' ') };
  const rest = inv.argv.slice(inv.subcommandIndex + 1);
  const stray = inv.argv.slice(0, inv.subcommandIndex).concat(inv.unknown);
  const other = stray[0] ?? rest.find((a) => a.startsWith('-'));
  if (other !== undefined) return { kind: 'option', option: other };
  const odd = rest.find((a) => !plainRequirement(a));
  if (odd !== undefined) return { kind: 'requirement', arg: odd };
  if (rest.length === 0) return { kind: 'no-requirement' };
  const setting = pixiIgnores(settings);
  return setting ?? rest;
}

/** The first pip setting that would change what pip installs and that pixi does not read. */
function pixiIgnores(s: PipSettings): PixiMiss | null {
  const set = [
    ['index-url', s.indexUrl],
    ['extra-index-url', s.extraIndexUrls],
    ['find-links', s.findLinks],
    ['no-index', s.noIndex?.value ? s.noIndex : null],
    ['user', s.user?.value ? s.user : null],
    ['report', s.report],
  ] as const;
  for (const [key, setting] of set) {
    if (setting) return { kind: 'setting', key, source: setting.source };
  }
  return null;
}
