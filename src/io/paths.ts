import { join } from 'node:path';
import envPaths from 'env-paths';

const paths = () => envPaths('pipwarden', { suffix: '' });

/** Where the shims live: PIPWARDEN_SHIM_DIR, else `<XDG data>/pipwarden/shims`. */
export function shimDir(env: NodeJS.ProcessEnv): string {
  return env.PIPWARDEN_SHIM_DIR || join(paths().data, 'shims');
}

/** Where probe results are cached: PIPWARDEN_CACHE_DIR, else `<XDG cache>/pipwarden`. */
export function cacheDir(env: NodeJS.ProcessEnv): string {
  return env.PIPWARDEN_CACHE_DIR || paths().cache;
}

/** Files the user trusted with `pipwarden trust`: `<XDG data>/pipwarden/trusted.json`. */
export function trustFile(): string {
  return join(paths().data, 'trusted.json');
}

/** The audit log: `<XDG state>/pipwarden/audit.jsonl` (env-paths' log dir on Linux). */
export function auditDir(): string {
  return paths().log;
}
