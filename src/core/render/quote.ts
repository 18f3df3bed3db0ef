/**
 * The one sh quoter and the one fish quoter for generated shell text.
 *
 * Not shell-quote (on the design card): its `quote()` targets bash's
 * interactive syntax, and in POSIX sh it changes values. It writes `it's!`
 * as `"it's\!"`, and inside double quotes sh keeps that backslash, so pip
 * got `it's\!`; it leaves `~`, `~/x` and `~root` bare, so sh expands them
 * (test/shell/quote.test.ts runs both through a real sh). Single quotes have no such rules: every byte but `'`
 * stands for itself, and `'` is written `'\''`.
 */

/** POSIX sh (also bash, zsh, dash, busybox ash): always single-quoted, so the text reads as the value. */
export function shQuote(value: string): string {
  assertNoNul(value);
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** Characters that mean nothing to sh anywhere in a word (no `~`, which expands at the start or after `:`/`=`). */
const PLAIN = /^[A-Za-z0-9_@%+,./-]+$/;

/** One argument: bare when nothing in it is special to sh, else `shQuote`. */
export function shWord(value: string): string {
  return PLAIN.test(value) ? value : shQuote(value);
}

/** An argv as sh words, for `eval` and for showing a command. */
export function shArgv(argv: readonly string[]): string {
  return argv.map(shWord).join(' ');
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
