/**
 * A new argv as edits of the user's own: each token is either the user's
 * token at a position (so sh can pass `"${k}"`, the bytes as typed, never
 * decoded by Node) or a literal pipwarden inserts. Computed from the
 * original and the planned argv, so the plan keeps a plain `command` for
 * `explain` and decide() never has to track positions.
 */
export type ArgvPart = { from: number } | { literal: string };

/**
 * The longest common subsequence of `original` and `next` (Myers' O((N+M)D)
 * diff, "An O(ND) Difference Algorithm", 1986), read as: every token of
 * `next` that is kept from `original` points at its position there (0-based),
 * every other is a literal. A plan only drops and inserts a few tokens, so D
 * is small even for 5,000 arguments.
 */
export function argvEdits(original: readonly string[], next: readonly string[]): ArgvPart[] {
  const n = original.length;
  const m = next.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && original[x] === next[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  // Walk back through the trace: diagonals are kept tokens.
  const parts: ArgvPart[] = new Array(m);
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      parts[y] = { from: x };
    }
    if (d === 0) break;
    if (down) parts[prevY] = { literal: next[prevY]! };
    x = prevX;
    y = prevY;
  }
  return parts;
}
