import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PROMPT_CHOICES, type PromptChoice } from '../../core/config/types.js';
import { makeDirs } from '../make-dirs.js';
import { dataDir } from '../paths.js';
import { writeIfChanged } from '../shims/write-atomic.js';

/** Remembered prompt answers, per directory: `<XDG data>/pipwarden/answers.json`. */
export function answersFile(env: NodeJS.ProcessEnv): string {
  return env.PIPWARDEN_ANSWERS_FILE || join(dataDir(env), 'answers.json');
}

function readAll(file: string): Record<string, string> {
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
  makeDirs(dirname(file));
  writeIfChanged(
    dirname(file),
    basename(file),
    `${JSON.stringify({ ...readAll(file), [dir]: choice }, null, 2)}\n`,
    0o644,
  );
}
