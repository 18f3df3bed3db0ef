import { PLAN_CACHE_FORMAT } from './plan-cache-entry.js';

const utf8 = new TextEncoder();
/** `${#x}`: bytes in dash and busybox ash, characters in bash, zsh and ksh under a UTF-8 locale. */
const LENGTHS = [(s: string) => utf8.encode(s).length, (s: string) => [...s].length];

/**
 * Whether `key` is the key a shim builds (shim-parts.ts PLAN_CACHE: the
 * format, `${#real}:real`, `${#PWD}:PWD`, `$#`, then `${#a}:a` for each
 * argument) for this very real command and these arguments. The engine is
 * handed the key in _PIPWARDEN_PLAN_KEY, which any caller can set: an entry
 * filed under another call's key would replay this decision, whose plan
 * runs the shim's own "$1" "$2"…, for that other call (docs/security.md: a forged
 * key turned `pip download` into `pip install --target …` under a lock).
 * The cwd part is left to the entry's own `[ . -ef cwd ]` check.
 */
export function keyNamesCall(key: string, real: string, args: readonly string[]): boolean {
  return LENGTHS.some((len) => {
    const head = `${PLAN_CACHE_FORMAT} ${len(real)}:${real} `;
    const tail = ` ${args.length}${args.map((a) => ` ${len(a)}:${a}`).join('')}`;
    if (!key.startsWith(head) || !key.endsWith(tail) || key.length < head.length + tail.length) {
      return false;
    }
    const m = /^(\d+):([\s\S]*)$/.exec(key.slice(head.length, key.length - tail.length));
    return m !== null && Number(m[1]) === len(m[2] as string);
  });
}
