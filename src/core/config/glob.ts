/**
 * Globs for rule conditions (cwd paths, package names): `*` matches within
 * one path segment, `**` across segments, `?` one character, `[abc]` / `[!a]`
 * a class, `{a,b}` alternatives. Small on purpose: a rule is checked on every
 * install, and a dependency would load on that path.
 */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        // `**/` also matches no directory at all.
        if (glob[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) throw new GlobError(`unclosed "[" at character ${i + 1}`);
      let body = glob.slice(i + 1, end);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) out += '|';
    else out += c.replace(/[.+^$()|\\{}]/g, '\\$&');
  }
  if (depth > 0) throw new GlobError('unclosed "{"');
  return new RegExp(`^${out}$`);
}

export class GlobError extends Error {}

/** The problem with a glob, or null when it is usable. */
export function globProblem(glob: string): string | null {
  if (glob === '') return 'an empty glob matches nothing';
  try {
    globToRegExp(glob);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
