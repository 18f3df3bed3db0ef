import {
  type PipInvocation,
  parsePipArgv,
  pipSegments,
  pipTables,
} from '../../src/core/argv/index.js';
import type { PipOpt, PipResult } from './pip-parser.js';

/**
 * optparse's own usage errors (exit 2) and parse_command's unknown command.
 * Anything else, an optparse "option --x: invalid ..." or a CommandError from
 * one of pip's callbacks, is pip rejecting a value it parsed.
 */
const SYNTAX_ERROR =
  /^(no such option|ambiguous option|\S+ option requires (1|an) argument|\S+ option does not take a value)/;

function usageError(pip: { exit: number | string | null; msg: string }): boolean {
  if (pip.exit === 2) return SYNTAX_ERROR.test(pip.msg);
  return pip.msg.startsWith('CommandError: unknown command');
}

/** Our option occurrences in pip's order, as pip-parse-server.py reports them. */
function ourOpts(inv: PipInvocation): (PipOpt & { start: number })[] {
  return [...inv.globals, ...inv.options, ...inv.misplaced]
    .sort((a, b) => a.start - b.start || (a.charIndex ?? 0) - (b.charIndex ?? 0))
    .map((o) => Object.assign([o.name, o.dest, o.value] as PipOpt, { start: o.start }));
}

const json = (v: unknown) => JSON.stringify(v);
const plain = (opts: PipOpt[]) => opts.map(([n, d, v]) => [n, d, v]);

/** null when we agree with pip on argv; else what differs. */
export function disagreement(inv: PipInvocation, pip: PipResult, version: string): string | null {
  const segments = pipSegments(inv);
  if (!segments) return 'our parse does not account for every token';
  const opts = ourOpts(inv);
  const firstUnknown =
    segments.find((s) => s.kind === 'unknown')?.start ?? Number.POSITIVE_INFINITY;
  // pip stopped part-way (help, a rejected value): what it read so far must match.
  const prefix = (theirs: PipOpt[]) => {
    const ours = plain(opts.slice(0, theirs.length));
    if (json(ours) !== json(theirs)) return `options: pip ${json(theirs)}, ours ${json(ours)}`;
    const last = opts[theirs.length - 1];
    return last && last.start > firstUnknown ? 'we left a token before it unknown' : null;
  };
  if ('cmd' in pip) {
    if (inv.unknown.length > 0) return `pip parsed it; we left ${json(inv.unknown)} unknown`;
    if (inv.subcommand !== pip.cmd) return `subcommand: pip ${pip.cmd}, ours ${inv.subcommand}`;
    if (json(inv.positionals) !== json(pip.args)) {
      return `positionals: pip ${json(pip.args)}, ours ${json(inv.positionals)}`;
    }
    if (json(plain(opts)) !== json(pip.opts))
      return `options: pip ${json(pip.opts)}, ours ${json(plain(opts))}`;
    return null;
  }
  const sub = inv.subcommandIndex < 0 ? Number.POSITIVE_INFINITY : inv.subcommandIndex;
  if (pip.exit === 0 || pip.exit === null) {
    // The command's parser met --help: it printed help and exited there.
    if (pip.opts)
      return pip.opts.at(-1)?.[1] === 'help' ? prefix(pip.opts) : `pip exited ${pip.exit}`;
    // Where pip's main parser stopped: the subcommand, `--`, or the first
    // word that is no option.
    const stop =
      segments.find(
        (s) =>
          s.kind === 'subcommand' ||
          s.kind === 'separator' ||
          (s.kind === 'unknown' && !/^-./.test(inv.argv[s.start]!)),
      )?.start ?? inv.argv.length;
    // The main parser alone, before any command's parser re-reads the prefix:
    // help exits at once, --version once the whole prefix has parsed.
    const mainAlone = (end: number) => parsePipArgv(inv.argv.slice(0, end), version).unknown;
    const help = opts.find(([, dest], i) => dest === 'help' && opts[i]!.start < stop);
    if (help && mainAlone(help.start + 1).length === 0) return null;
    const ver = opts.find(([, dest], i) => dest === 'version' && opts[i]!.start < stop);
    if (ver && mainAlone(stop).length === 0) return null;
    // `pip`, `pip -v`, `pip help`: pip prints its help.
    const bare =
      inv.subcommand === null || (inv.subcommand === 'help' && inv.positionals.length === 0);
    if (bare && inv.unknown.length === 0) return null;
    return `pip stopped early (exit ${pip.exit}); ours ${inv.subcommand} ${json(inv.unknown)}`;
  }
  if (usageError(pip)) {
    return inv.unknown.length > 0 ? null : `pip: ${pip.msg}; we left nothing unknown`;
  }
  // pip rejected a value (`--retries=x`, a bad --format): we must have parsed
  // that option, with nothing unknown before it.
  if (pip.opts && pip.opts.length > 0) return prefix(pip.opts);
  const name = /^option (-[-\w]+)/.exec(pip.msg)?.[1];
  const table = pipTables(version).general;
  const def = name?.startsWith('--') ? table.long.get(name) : table.short.get(name?.slice(1) ?? '');
  if (!def) return null; // a CommandError from a callback: pip judged the value.
  const ours = opts.find(([n], i) => n === def.name && opts[i]!.start < sub);
  if (!ours) return `pip rejected ${name} (${pip.msg}); we saw no ${name}`;
  return ours.start <= firstUnknown
    ? null
    : `pip rejected ${name}; we left a token before it unknown`;
}
