/** Two prefixes name the same env: compared through symlinks where the facts know them. */
export function samePrefix(
  a: { prefix: string; realPrefix?: string },
  b: { prefix: string; realPrefix?: string },
): boolean {
  return (
    samePath(a.prefix, b.prefix) || samePath(a.realPrefix ?? a.prefix, b.realPrefix ?? b.prefix)
  );
}

/** Two spellings of one path, a trailing slash apart. */
export function samePath(a: string, b: string): boolean {
  return trimSlash(a) === trimSlash(b);
}

function trimSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? trimSlash(p.slice(0, -1)) : p;
}
