/** What a script's first lines say will run it. */
export type Shebang =
  /** `#!/abs/python [args]`, or distlib's `/bin/sh` trampoline for long paths. */
  | { kind: 'path'; interpreter: string; args: string[] }
  /** `#!/usr/bin/env [-S] python3 [args]`: looked up on PATH. */
  | { kind: 'env'; name: string; args: string[] };

// distlib (pip's script maker) falls back to this when the interpreter path
// is too long or has spaces for a kernel shebang:
//   #!/bin/sh
//   '''exec' "/very/long/path/bin/python" "$0" "$@"
//   ' '''
const TRAMPOLINE = /^'''exec' (?:"([^"]+)"|(\S+)) "\$0" "\$@"/m;

/** Parse the shebang of a script's head, or null for binaries and plain text. */
export function parseShebang(head: string): Shebang | null {
  if (!head.startsWith('#!')) return null;
  const nl = head.indexOf('\n');
  const first = (nl === -1 ? head.slice(2) : head.slice(2, nl)).trim();
  const words = first.split(/\s+/).filter((w) => w !== '');
  const [interpreter, ...args] = words;
  if (interpreter === undefined) return null;
  if (/^\/(usr\/)?bin\/sh$/.test(interpreter)) {
    const m = TRAMPOLINE.exec(head.slice(nl + 1));
    const target = m?.[1] ?? m?.[2];
    if (target === undefined) return null;
    return target.startsWith('/usr/bin/env ')
      ? envShebang(target.split(/\s+/).slice(1))
      : { kind: 'path', interpreter: target, args: [] };
  }
  if (interpreter.endsWith('/env')) return envShebang(args);
  return { kind: 'path', interpreter, args };
}

function envShebang(args: string[]): Shebang | null {
  // `env -S "python3 -E"` splits its argument; other env options
  // (-i, -u NAME) are rare in pip scripts and not modelled.
  const rest = args[0] === '-S' ? args.slice(1) : args;
  const [name, ...more] = rest.filter((a) => !a.includes('='));
  if (name === undefined || name.startsWith('-')) return null;
  return { kind: 'env', name, args: more };
}
