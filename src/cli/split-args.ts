import { closest } from '../core/config/suggest.js';
import { PipwardenError } from '../core/errors.js';
import { flagsOf } from './command-specs.js';

/**
 * Our options come first; the user's command follows `--` (or starts at the
 * first word that is not one of our options). Unknown options are errors
 * here, not guesses: `pipwarden explain --jsn -- pip` must not run pip.
 * The options a command accepts are the ones its spec lists
 * (command-specs.ts, `user clean` → the `user` flags for `clean`), so --help
 * and the parser cannot disagree.
 */
export function splitArgs(
  command: string,
  args: string[],
): { flags: Set<string>; values: Map<string, string>; all: Map<string, string[]>; rest: string[] } {
  const { switches: flags, valued } = flagsOf(command);
  const set = new Set<string>();
  const values = new Map<string, string>();
  // Every value of a repeatable option (`--set a=1 --set b=2`); `values` keeps the last.
  const all = new Map<string, string[]>();
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-')) break;
    const eq = a.indexOf('=');
    const name = eq === -1 ? a : a.slice(0, eq);
    if (valued.includes(name)) {
      const v = eq === -1 ? args[++i] : a.slice(eq + 1);
      if (v === undefined) {
        throw new PipwardenError(
          'usage',
          `${command}: ${name} needs a value`,
          `pipwarden ${command} ${name} <value> -- …`,
        );
      }
      values.set(name, v);
      all.set(name, [...(all.get(name) ?? []), v]);
      continue;
    }
    if (!flags.includes(a)) {
      const guess = closest(name, [...flags, ...valued]);
      throw new PipwardenError(
        'usage',
        `${command}: unknown option ${a}${guess ? `; did you mean ${guess}?` : ''}`,
        `pipwarden ${command} --help lists its options`,
      );
    }
    set.add(a);
  }
  return { flags: set, values, all, rest: args.slice(i) };
}
