/**
 * Globs for rule conditions (cwd paths, package names): `*` matches within
 * one path segment, `**` across segments, `?` one character, `[abc]` / `[!a]`
 * a class, `{a,b}` alternatives. Small on purpose: a rule is checked on every
 * install, and a dependency would load on that path.
 *
 * Matching is linear: a glob compiles to a Thompson automaton that is run on
 * the set of its states, one character at a time, so a glob of m characters
 * matches a value of n characters in O(m·n) steps whatever its shape. A
 * backtracking RegExp is exponential on a project's `**?**?**?…x` (docs/security.md),
 * and project rules are read from any cloned repository.
 */
type Pred = (c: number) => boolean;

type Node =
  | { kind: 'char'; pred: Pred }
  | { kind: 'star'; pred: Pred }
  | { kind: 'alt'; options: Node[][] };

const SLASH = 0x2f;
const notSlash: Pred = (c) => c !== SLASH;
const anyChar: Pred = () => true;

export class GlobError extends Error {}

/** A matcher for `glob`: true when the whole value matches. Throws GlobError for a broken glob. */
export function globMatcher(glob: string): (value: string) => boolean {
  const states = compile(parse(glob));
  return (value) => run(states, value);
}

/** The problem with a glob, or null when it is usable. */
export function globProblem(glob: string): string | null {
  if (glob === '') return 'an empty glob matches nothing';
  try {
    parse(glob);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function parse(glob: string): Node[] {
  let i = 0;
  let depth = 0;
  const seq = (): Node[] => {
    const out: Node[] = [];
    while (i < glob.length) {
      const c = glob[i] as string;
      if (depth > 0 && (c === ',' || c === '}')) return out;
      i++;
      if (c === '*') {
        if (glob[i] !== '*') out.push({ kind: 'star', pred: notSlash });
        else if (glob[++i] === '/') {
          // `**/` also matches no directory at all.
          i++;
          out.push({ kind: 'alt', options: [[], [{ kind: 'star', pred: anyChar }, lit('/')]] });
        } else out.push({ kind: 'star', pred: anyChar });
      } else if (c === '?') out.push({ kind: 'char', pred: notSlash });
      else if (c === '[') {
        const end = glob.indexOf(']', i + 1);
        if (end === -1) throw new GlobError(`unclosed "[" at character ${i}`);
        out.push({ kind: 'char', pred: charClass(glob.slice(i, end)) });
        i = end + 1;
      } else if (c === '{') {
        depth++;
        const options = [seq()];
        while (glob[i] === ',') {
          i++;
          options.push(seq());
        }
        if (glob[i] !== '}') throw new GlobError('unclosed "{"');
        i++;
        depth--;
        out.push({ kind: 'alt', options });
      } else out.push(lit(c));
    }
    return out;
  };
  return seq();
}

function lit(c: string): Node {
  const code = c.charCodeAt(0);
  return { kind: 'char', pred: (x) => x === code };
}

/** `abc`, `a-z`, with a leading `!` (or `^`) negating it. */
function charClass(body: string): Pred {
  const negate = body.startsWith('!') || body.startsWith('^');
  const chars = negate ? body.slice(1) : body;
  const ranges: [number, number][] = [];
  for (let k = 0; k < chars.length; k++) {
    const lo = chars.charCodeAt(k);
    if (chars[k + 1] === '-' && k + 2 < chars.length) {
      ranges.push([lo, chars.charCodeAt(k + 2)]);
      k += 2;
    } else ranges.push([lo, lo]);
  }
  return (c) => ranges.some(([lo, hi]) => c >= lo && c <= hi) !== negate;
}

type State =
  | { kind: 'char'; pred: Pred; out: number }
  | { kind: 'split'; out: number; alt: number }
  | { kind: 'match' };

/** Thompson's construction, back to front: each node is compiled with the state that follows it. */
function compile(nodes: Node[]): State[] {
  const states: State[] = [{ kind: 'match' }];
  const push = (s: State) => states.push(s) - 1;
  const seq = (items: Node[], next: number): number => {
    let at = next;
    for (let k = items.length - 1; k >= 0; k--) at = node(items[k] as Node, at);
    return at;
  };
  const node = (n: Node, next: number): number => {
    if (n.kind === 'char') return push({ kind: 'char', pred: n.pred, out: next });
    if (n.kind === 'star') {
      const loop = push({ kind: 'split', out: -1, alt: next });
      (states[loop] as { out: number }).out = push({ kind: 'char', pred: n.pred, out: loop });
      return loop;
    }
    const starts = n.options.map((o) => seq(o, next));
    let at = starts.at(-1) as number;
    for (let k = starts.length - 2; k >= 0; k--)
      at = push({ kind: 'split', out: starts[k] as number, alt: at });
    return at;
  };
  const start = seq(nodes, 0);
  // The start state goes last so run() can find it.
  states.push({ kind: 'split', out: start, alt: start });
  return states;
}

/** Simulates the automaton on the set of live states: each state is visited at most once a step. */
function run(states: State[], value: string): boolean {
  const n = states.length;
  const seen = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n * 2 + 2);
  let current = new Int32Array(n);
  let next = new Int32Array(n);
  let count = 0;
  let nextCount = 0;
  const add = (s: number, step: number) => {
    let top = 0;
    stack[top++] = s;
    while (top > 0) {
      const at = stack[--top] as number;
      if (seen[at] === step) continue;
      seen[at] = step;
      const st = states[at] as State;
      if (st.kind === 'split') {
        stack[top++] = st.alt;
        stack[top++] = st.out;
      } else next[nextCount++] = at;
    }
  };
  add(n - 1, 0);
  [current, next, count, nextCount] = [next, current, nextCount, 0];
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    for (let j = 0; j < count; j++) {
      const st = states[current[j] as number] as State;
      if (st.kind === 'char' && st.pred(c)) add(st.out, k + 1);
    }
    if (nextCount === 0) return false;
    [current, next, count, nextCount] = [next, current, nextCount, 0];
  }
  for (let j = 0; j < count; j++) if (states[current[j] as number]?.kind === 'match') return true;
  return false;
}
