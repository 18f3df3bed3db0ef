/**
 * Quoting for values baked into generated shell text (paths, names). Always
 * single quotes, so the text reads the same as the value; a value can hold
 * any byte but NUL, which no path or environment value can contain anyway.
 */

/** POSIX sh (also bash and zsh): `'…'`, with `'` written as `'\''`. */
export function shQuote(value: string): string {
  assertNoNul(value);
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/**
 * fish: inside single quotes only `\\` and `\'` are escapes (fish-shell
 * docs, "Quotes"), so both are escaped; nothing else is special there.
 */
export function fishQuote(value: string): string {
  assertNoNul(value);
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function assertNoNul(value: string): void {
  if (value.includes('\0')) throw new Error('cannot quote a value holding a NUL byte');
}
