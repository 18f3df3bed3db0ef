import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PROMPT_CHOICES, type PromptChoice } from '../../core/config/types.js';
import { makeDirs } from '../make-dirs.js';
import { ownDataDir } from '../paths.js';
import { writeIfChanged } from '../shims/write-atomic.js';

/**
 * Remembered prompt answers, per directory: `<XDG data>/pipwarden/answers.json`
 * of this user's own; null (nothing remembered) for root with another
 * user's HOME, whose answers must not choose where root installs.
 */
export function answersFile(env: NodeJS.ProcessEnv): string | null {
  if (env.PIPWARDEN_ANSWERS_FILE) return env.PIPWARDEN_ANSWERS_FILE;
  const dir = ownDataDir(env);
  return dir === null ? null : join(dir, 'answers.json');
}

function readAll(file: string | null): Record<string, string> {
  if (file === null) return {};
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return raw && typeof raw === 'object' ? (raw as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function rememberedAnswer(env: NodeJS.ProcessEnv, dir: string): PromptChoice | null {
  const v = readAll(answersFile(env))[dir];
  return v !== undefined && (PROMPT_CHOICES as readonly string[]).includes(v)
    ? (v as PromptChoice)
    : null;
}

export function rememberAnswer(env: NodeJS.ProcessEnv, dir: string, choice: PromptChoice): void {
  const file = answersFile(env);
  if (file === null) return;
  makeDirs(dirname(file));
  writeIfChanged(
    dirname(file),
    basename(file),
    `${JSON.stringify({ ...readAll(file), [dir]: choice }, null, 2)}\n`,
    0o644,
  );
}
