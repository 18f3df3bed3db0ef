import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeExecutable } from './fake-shims.js';

/**
 * A stand-in `pip` in `dir`: a Python script on `python` (so the engine
 * sees an ordinary pip console script and probes its interpreter), which
 * prints its pid and parent pid, then for `install` waits up to a minute.
 * SIGINT prints a line and exits 130; SIGTERM keeps Python's default (death
 * by the signal). FAKE_STATUS sets the exit status otherwise.
 */
export function fakePip(dir: string, python: string): string {
  mkdirSync(dir, { recursive: true });
  writeExecutable(
    join(dir, 'pip'),
    `#!${python}
import os, signal, sys, time
def on_int(*_):
    print("fakepip: got SIGINT", flush=True)
    sys.exit(130)
signal.signal(signal.SIGINT, on_int)
print("fakepip pid=%d ppid=%d args=%r" % (os.getpid(), os.getppid(), sys.argv[1:]), flush=True)
if sys.argv[1:2] == ["install"]:
    time.sleep(60)
sys.exit(int(os.environ.get("FAKE_STATUS", "0")))
`,
  );
  return dir;
}

/** Children of `pid`, read from /proc. */
export function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}
