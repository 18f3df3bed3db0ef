/**
 * Compare dotted release versions the way pip's own numbers need: numeric
 * parts only, pre-release tails ignored (22.3b1 counts as 22.3).
 */
export function compareVersions(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

function parts(v: string): number[] {
  const m = /^\d+(\.\d+)*/.exec(v.trim());
  return m ? m[0].split('.').map(Number) : [0];
}
