import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Env } from '../../core/env.js';
import { PipwardenError } from '../../core/errors.js';
import { trustFile } from '../paths.js';
import { CONFIG_CAP, readBoundedOrNull } from '../read-bounded.js';
import { writeIfChanged } from '../shims/write-atomic.js';

/**
 * direnv-`allow`-style trust for project config files: an entry is a path
 * plus the sha256 of the content trusted, so any edit revokes it. The store
 * lives in the user's data dir, which no cloned repository can write.
 */
type Store = Record<string, string>;

export function contentHash(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

// No store (null): this user has no data dir of its own, e.g. root under
// `sudo -E`, whose HOME is the caller's; trusting the caller's list would
// let that user choose what root runs (paths.ts ownBase).
function readStore(env: Env): Store {
  const file = trustFile(env);
  if (file === null) return {};
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof raw === 'object' && raw !== null ? (raw as Store) : {};
  } catch {
    return {};
  }
}

/** Whether `file` (absolute) was trusted with exactly this content. */
export function isTrusted(env: Env, file: string, content: string | Buffer): boolean {
  return readStore(env)[file] === contentHash(content);
}

export function setTrust(env: Env, file: string, content: string | Buffer | null): void {
  const store = readStore(env);
  if (content === null) delete store[file];
  else store[file] = contentHash(content);
  const file_ = trustFile(env);
  if (file_ === null) {
    throw new PipwardenError(
      'config',
      'trust: this user has no data dir of its own (HOME is relative, or belongs to another user, as under sudo -E)',
      'run pipwarden trust as the user who owns HOME, or with sudo -H',
    );
  }
  mkdirSync(dirname(file_), { recursive: true });
  writeIfChanged(dirname(file_), basename(file_), `${JSON.stringify(store, null, 2)}\n`, 0o600);
}

/** A regular file's bytes (at most 1 MiB), or null when it is missing, not a file, too large or unreadable. */
export function readRegularFile(file: string): Buffer | null {
  return readBoundedOrNull(file, CONFIG_CAP);
}

/** Whether a pyproject.toml mentions pipwarden at all (a `[tool.pipwarden]` table). */
export function mentionsPipwarden(file: string): boolean {
  return readRegularFile(file)?.toString('utf8').includes('pipwarden') ?? false;
}
