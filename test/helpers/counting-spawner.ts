import { defaultSpawner, type Spawner } from '../../src/io/interpreter/probe.js';

/** A spawner that counts how often the probe really started a process. */
export function countingSpawner(): { spawn: Spawner; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    spawn: (file, args, opts) => {
      calls.push(file);
      return defaultSpawner(file, args, opts);
    },
  };
}
