import type { PipInvocation } from './types.js';

/**
 * Pure argv edits. Each returns a new argv in which every token the edit does
 * not name is the user's own, byte for byte; re-parse the result to edit again.
 */

/**
 * Remove every occurrence of options with these dests (globals, subcommand
 * options and misplaced ones), values included. A short option inside a
 * cluster is cut out of its token (`-qU` without upgrade → `-q`), its
 * attached value with it (`-qrreq.txt` without requirements → `-q`).
 * Exact except for an argv with `shadowedSubcommandIndex` (see types.ts).
 */
export function removeOptions(inv: PipInvocation, dests: string[]): string[] {
  const wanted = new Set(dests);
  const dropped = new Set<number>();
  const cuts = new Map<number, Set<number>>();
  for (const opt of [...inv.globals, ...inv.options, ...inv.misplaced]) {
    if (!wanted.has(opt.dest)) continue;
    if (opt.charIndex === undefined) {
      for (let k = opt.start; k < opt.end; k++) dropped.add(k);
      continue;
    }
    const cut = cuts.get(opt.start) ?? new Set<number>();
    cut.add(opt.charIndex);
    cuts.set(opt.start, cut);
    // A value in the next token (`-qr req.txt`) goes with its option.
    if (opt.end > opt.start + 1) dropped.add(opt.end - 1);
  }
  const out: string[] = [];
  inv.argv.forEach((token, k) => {
    if (dropped.has(k)) return;
    const cut = cuts.get(k);
    if (!cut) {
      out.push(token);
      return;
    }
    const rest = cutCluster(token, cut, inv, k);
    if (rest !== '-') out.push(rest);
  });
  return out;
}

/** Drop the letters at `cut` from a short cluster; a cut value option takes its attached value along. */
function cutCluster(token: string, cut: Set<number>, inv: PipInvocation, k: number): string {
  const valueAt = [...inv.globals, ...inv.options].find(
    (o) => o.start === k && o.charIndex !== undefined && o.value !== null,
  )?.charIndex;
  let rest = '-';
  for (let c = 1; c < token.length; c++) {
    if (c === valueAt && cut.has(c)) break;
    if (valueAt !== undefined && c > valueAt) return rest + token.slice(c);
    if (!cut.has(c)) rest += token[c];
  }
  return rest;
}

/**
 * Insert general options where pip's main parser reads them: before the
 * subcommand (and before a `--` that precedes it), e.g. `--python /x/bin/python`.
 */
export function insertGlobal(inv: PipInvocation, tokens: string[]): string[] {
  const at = inv.globalEnd;
  return [...inv.argv.slice(0, at), ...tokens, ...inv.argv.slice(at)];
}

/**
 * Append options to the subcommand so they come after the user's own (last
 * wins for store options such as --user/--no-user) but before the `--` that
 * ends options. In `pip -- install x` every token after the subcommand is
 * positional, so that `--` moves to after the new options.
 */
export function appendSubcommandOptions(inv: PipInvocation, tokens: string[]): string[] {
  const { argv, subcommandIndex: sub, globalEnd } = inv;
  if (tokens.length === 0) return [...argv];
  if (sub >= 0 && globalEnd < sub && argv[globalEnd] === '--') {
    return [
      ...argv.slice(0, globalEnd),
      ...argv.slice(globalEnd + 1, sub + 1),
      ...tokens,
      '--',
      ...argv.slice(sub + 1),
    ];
  }
  const at = inv.optionsEnd;
  return [...argv.slice(0, at), ...tokens, ...argv.slice(at)];
}
