import type { PipInvocation } from './types.js';

/** What one argv token (or run of tokens) is to pip, as the parse says. */
export type SegmentKind =
  | 'global'
  | 'option'
  | 'misplaced'
  | 'subcommand'
  | 'positional'
  | 'unknown'
  | 'separator';

export interface Segment {
  kind: SegmentKind;
  /** argv[start, end): an option with its value, or one token. */
  start: number;
  end: number;
}

/**
 * The parse as a partition of argv, in order: every token belongs to exactly
 * one segment. Options carry their ranges; the tokens between them are the
 * subcommand, the `--` that ends options, and the positional and unknown
 * tokens, which must come out in the order the parse listed them. Returns
 * null when the parse does not account for every token exactly once, which
 * would be a bug in the model: a rewrite could then lose or repeat a byte.
 */
export function pipSegments(inv: PipInvocation): Segment[] | null {
  const { argv } = inv;
  const owner = new Array<Segment | null>(argv.length).fill(null);
  const ranged: [SegmentKind, PipInvocation['globals']][] = [
    ['global', inv.globals],
    ['option', inv.options],
    ['misplaced', inv.misplaced],
  ];
  for (const [kind, opts] of ranged) {
    for (const o of opts) {
      const prev = owner[o.start];
      // A short cluster (`-qUr x`) is one segment shared by its letters.
      if (prev && prev.start === o.start && o.clustered) {
        prev.end = Math.max(prev.end, o.end);
        for (let k = o.start; k < o.end; k++) owner[k] = prev;
        continue;
      }
      const seg: Segment = { kind, start: o.start, end: o.end };
      for (let k = o.start; k < o.end; k++) {
        if (owner[k] && owner[k] !== prev) return null;
        owner[k] = seg;
      }
    }
  }
  const out: Segment[] = [];
  let p = 0;
  let u = 0;
  let ended = false;
  for (let k = 0; k < argv.length; ) {
    const seg = owner[k];
    if (seg) {
      if (seg.start !== k) return null;
      out.push(seg);
      k = seg.end;
      continue;
    }
    const token = argv[k]!;
    const before = inv.subcommandIndex < 0 || k < inv.subcommandIndex;
    let kind: SegmentKind | null = null;
    // Before `--`, a token that looks like an option and no option range
    // owns is an unknown option (pip's parsers take interspersed options), so
    // `--user` there is never mistaken for a positional of the same text.
    const optionLike = !ended && token.startsWith('-') && token !== '-' && token !== '--';
    if (k === inv.subcommandIndex) kind = 'subcommand';
    else if (before && inv.unknown[u] === token) kind = 'unknown';
    else if (token === '--' && !ended) kind = 'separator';
    else if (optionLike && inv.unknown[u] === token) kind = 'unknown';
    else if (inv.positionals[p] === token) kind = 'positional';
    else if (inv.unknown[u] === token) kind = 'unknown';
    if (kind === null) return null;
    if (kind === 'separator') ended = true;
    if (kind === 'positional') p++;
    if (kind === 'unknown') u++;
    out.push({ kind, start: k, end: k + 1 });
    k++;
  }
  if (p !== inv.positionals.length || u !== inv.unknown.length) return null;
  return out;
}

/** argv rebuilt from the segments of its parse; null when the parse lost or repeated a token. */
export function renderPipArgv(inv: PipInvocation): string[] | null {
  const segments = pipSegments(inv);
  if (!segments) return null;
  return segments.flatMap((s) => inv.argv.slice(s.start, s.end));
}
