import { argvEdits } from './argv-edits.js';
import { shQuote, shWord } from './quote.js';

/**
 * For `pipwarden run` when an argument is not valid UTF-8: Node can only
 * spawn with strings (it re-encodes U+FFFD, never the bytes typed), so the
 * command becomes an ASCII-safe `sh -c` script that rebuilds each such
 * argument with printf's octal escapes and execs the command. sh becomes
 * the command (exec), so run's signal forwarding and exit status still
 * reach and come from pip. `raw[k]` are the bytes of `original[k]`.
 */
export function execScript(
  command: readonly string[],
  original: readonly string[],
  raw: readonly Uint8Array[],
): string {
  const [exe, ...args] = command;
  if (exe === undefined) throw new Error('an empty command');
  const lines: string[] = [];
  const words = [shQuote(exe)];
  for (const part of argvEdits(original, args)) {
    if ('literal' in part) {
      words.push(shWord(part.literal));
      continue;
    }
    const bytes = raw[part.from]!;
    if (new TextDecoder().decode(bytes) === original[part.from] && isUtf8(bytes)) {
      words.push(shWord(original[part.from]!));
      continue;
    }
    const name = `_pw_a${part.from}`;
    const octal = [...bytes].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
    // `x` keeps trailing newlines, which command substitution would strip.
    lines.push(`${name}=$(printf '${octal}x')`);
    words.push(`"\${${name}%x}"`);
  }
  lines.push(`exec ${words.join(' ')}`);
  return `${lines.join('\n')}\n`;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
