import type { Env } from '../../core/env.js';
import { LIST_PREFIX } from '../read-hints.js';
import type { Inputs } from './inputs.js';

/**
 * An env that records each variable read into `inputs.vars` (with the value
 * it had), lists a prefix as one input (read-hints.ts envNamesStartingWith),
 * and spoils the decision when listed whole or changed. It also stands in
 * for process.env until the undo on `restore` runs, for chalk's
 * supports-color and anything else that reads process.env directly.
 */
export function recordEnv(
  env: Env,
  inputs: Inputs,
  spoil: (why: string) => void,
  restore: (() => void)[],
): Env {
  const read = (name: string, value: string | undefined) => {
    if (!inputs.vars.has(name)) inputs.vars.set(name, value);
  };
  const listPrefix = (prefix: string): string[] => {
    const names = Object.keys(env).filter((k) => k.startsWith(prefix));
    inputs.prefixes.set(prefix, names);
    for (const n of names) read(n, env[n]);
    return names;
  };
  const recorded = new Proxy(env as Record<string, string | undefined>, {
    get(target, key) {
      if (key === LIST_PREFIX) return listPrefix;
      if (typeof key === 'string') read(key, target[key]);
      return Reflect.get(target, key);
    },
    has(target, key) {
      if (typeof key === 'string') read(key, target[key]);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'string') read(key, target[key]);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      spoil('it listed the whole environment');
      return Reflect.ownKeys(target);
    },
    set(target, key, value) {
      spoil('it changed the environment');
      return Reflect.set(target, key, value);
    },
    deleteProperty(target, key) {
      spoil('it changed the environment');
      return Reflect.deleteProperty(target, key);
    },
  });
  const processEnv = process.env;
  process.env = recorded as NodeJS.ProcessEnv;
  restore.push(() => {
    process.env = processEnv;
  });
  return recorded;
}
