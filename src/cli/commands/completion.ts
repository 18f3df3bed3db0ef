import { join } from 'node:path';
import { PipwardenError } from '../../core/errors.js';
import { COMPLETIONS_DIR, readCompletion } from '../../io/package-paths.js';
import type { Command } from '../context.js';

const FILES: Record<string, string> = {
  bash: 'pipwarden.bash',
  zsh: '_pipwarden',
  fish: 'pipwarden.fish',
};

/** `pipwarden completion <bash|zsh|fish>`: print the completion script from completions/. */
export const completion: Command = async (args, ctx) => {
  const [shell, ...rest] = args;
  const file = shell === undefined ? undefined : FILES[shell];
  if (file === undefined || rest.length > 0) {
    throw new PipwardenError(
      'usage',
      `completion: expected one of bash, zsh, fish${shell === undefined ? '' : `, got "${[shell, ...rest].join(' ')}"`}`,
      'pipwarden completion bash > ~/.local/share/bash-completion/completions/pipwarden',
    );
  }
  const path = join(COMPLETIONS_DIR, file);
  const text = readCompletion(file);
  if (text === null) {
    throw new PipwardenError(
      'internal',
      `completion: cannot read ${path}`,
      'reinstall pipwarden: the package ships completions/',
    );
  }
  ctx.stdout.write(text);
  return 0;
};
