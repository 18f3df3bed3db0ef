import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Ran, start } from '../helpers/start.js';
import { writeExecutable } from '../shell/support/fake-shims.js';

export { type Ran, start };

/**
 * Tiny real executables standing in for python and pip, in `dir`:
 * `python3` is sh; asked for pipwarden's probe (`-E …`) it becomes
 * `realPython` so the engine sees a real interpreter, otherwise its last
 * argument says what to do: a number is the exit status, `SIGxxx` makes it
 * die of that signal, `wait` prints its pid and waits, reporting (then
 * dying of) SIGINT, SIGTERM or SIGHUP. `pip`, `pip3` and `pip3.12` are
 * scripts run by that python, as console scripts are.
 */
export function fakePython(dir: string, realPython: string): string {
  mkdirSync(dir, { recursive: true });
  writeExecutable(
    join(dir, 'python3'),
    `#!/bin/sh
case \${1-} in -E) exec '${realPython}' "$@" ;; esac
for last; do :; done
case $last in
  wait)
    for s in INT TERM HUP; do trap "echo fake got SIG$s; trap - $s; kill -s $s \\$\\$" $s; done
    echo "fake pid=$$"
    while :; do sleep 0.05; done ;;
  SIG*) kill -s "\${last#SIG}" $$; sleep 5; exit 99 ;;
  *) exit "$last" ;;
esac
`,
  );
  for (const name of ['pip', 'pip3', 'pip3.12']) {
    writeExecutable(join(dir, name), `#!${join(dir, 'python3')}\n`);
  }
  return dir;
}

/**
 * Run `command N` for every N in `codes` (in `jobs` parallel sh loops) and
 * return a line for each N whose exit status was not N: an empty list is a
 * pass. `command` is sh text; N is appended as its last argument.
 */
export async function sweep(
  command: string,
  codes: number[],
  env: Record<string, string>,
  jobs = 4,
): Promise<string[]> {
  const chunks = Array.from({ length: jobs }, (_, j) => codes.filter((_, i) => i % jobs === j));
  const runs = await Promise.all(
    chunks.map((chunk) =>
      start(
        [
          '/bin/sh',
          '-c',
          `for n in ${chunk.join(' ')}; do ${command} "$n" >/dev/null 2>&1; s=$?; [ "$s" = "$n" ] || echo "$n -> $s"; done`,
        ],
        env,
      ),
    ),
  );
  return runs.flatMap((r) =>
    r.stdout
      .split('\n')
      .filter(Boolean)
      .concat(r.stderr ? [r.stderr] : []),
  );
}
