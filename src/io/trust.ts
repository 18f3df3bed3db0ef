import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { trustFile } from './paths.js';
import { writeIfChanged } from './write-atomic.js';

/**
 * direnv-`allow`-style trust for project config files: an entry is a path
 * plus the sha256 of the content trusted, so any edit revokes it. The store
 * lives in the user's data dir, which no cloned repository can write.
 */
type Store = Record<string, string>;

export function contentHash(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function readStore(): Store {
  try {
    const raw = JSON.parse(readFileSync(trustFile(), 'utf8')) as unknown;
    return typeof raw === 'object' && raw !== null ? (raw as Store) : {};
  } catch {
    return {};
  }
}

/** Whether `file` (absolute) was trusted with exactly this content. */
export function isTrusted(file: string, content: string | Buffer): boolean {
  return readStore()[file] === contentHash(content);
}

export function setTrust(file: string, content: string | Buffer | null): void {
  const store = readStore();
  if (content === null) delete store[file];
  else store[file] = contentHash(content);
  const file_ = trustFile();
  mkdirSync(dirname(file_), { recursive: true });
  writeIfChanged(dirname(file_), basename(file_), `${JSON.stringify(store, null, 2)}\n`, 0o600);
}
