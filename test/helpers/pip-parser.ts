import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SERVER = join(dirname(fileURLToPath(import.meta.url)), 'pip-parse-server.py');

/** One option occurrence as pip's optparse processed it: [canonical name, dest, raw value]. */
export type PipOpt = [name: string, dest: string, value: string | null];

/** What pip made of one argv (see pip-parse-server.py). */
export type PipResult =
  | { cmd: string; args: string[]; opts: PipOpt[] }
  | { exit: number | string | null; msg: string; opts: PipOpt[] | null };

/** pip's own parser, in one long-lived python process. */
export interface PipParser {
  version: string;
  /** Per parser (`general`, then each command): `spelling dest takesValue`, sorted. */
  tables: Record<string, string[]>;
  parse(batch: readonly string[][]): Promise<PipResult[]>;
  close(): void;
}

/**
 * Start pip-parse-server.py under `python`. A batch goes as one JSON line and
 * comes back as one, so a large batch costs one pipe round trip.
 */
export function startPipParser(python: string, env: Record<string, string>): Promise<PipParser> {
  const child: ChildProcessWithoutNullStreams = spawn(python, [SERVER], {
    env: { ...env, PYTHONIOENCODING: 'utf-8' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  const lines = createInterface({ input: child.stdout });
  const waiting: [(line: string) => void, (e: Error) => void][] = [];
  const queued: string[] = [];
  let failed: Error | null = null;
  lines.on('line', (line) => {
    const next = waiting.shift();
    if (next) next[0](line);
    else queued.push(line);
  });
  child.on('close', (code) => {
    failed = new Error(`${python} ${SERVER} exited ${code}: ${stderr.slice(-2000)}`);
    for (const [, reject] of waiting.splice(0)) reject(failed);
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const line = queued.shift();
      if (line !== undefined) resolve(line);
      else if (failed) reject(failed);
      else waiting.push([resolve, reject]);
    });
  return nextLine().then((first) => {
    const head = JSON.parse(first) as { version: string; tables: Record<string, string[]> };
    return {
      ...head,
      async parse(batch) {
        child.stdin.write(`${JSON.stringify(batch)}\n`);
        return JSON.parse(await nextLine()) as PipResult[];
      },
      close() {
        child.stdin.end();
        child.kill();
      },
    };
  });
}
