import { join } from 'node:path';
import { readHead } from '../fs-checks.js';

export interface RcLine {
  shell: 'bash' | 'zsh' | 'fish' | 'sh';
  file: string;
}

/**
 * The start-up files that hold a `pipwarden init` line, so doctor never
 * advises adding a line that is already there (it says to open a new shell
 * instead). Only the usual files are read; a line sourced from elsewhere is
 * not seen, and doctor says "not found" rather than "absent".
 */
export function findInitLines(home: string, env: NodeJS.ProcessEnv): RcLine[] {
  const xdg = env.XDG_CONFIG_HOME || join(home, '.config');
  const zdot = env.ZDOTDIR || home;
  const files: RcLine[] = [
    { shell: 'bash', file: join(home, '.bashrc') },
    { shell: 'bash', file: join(home, '.bash_profile') },
    { shell: 'bash', file: join(home, '.bash_login') },
    { shell: 'zsh', file: join(zdot, '.zshenv') },
    { shell: 'zsh', file: join(zdot, '.zshrc') },
    { shell: 'fish', file: join(xdg, 'fish', 'config.fish') },
    { shell: 'sh', file: join(home, '.profile') },
  ];
  return files.filter((f) => /pipwarden\S*\s+init\b/.test(readHead(f.file, 256 * 1024) ?? ''));
}

/**
 * Whether ~/.zshrc (or $ZDOTDIR's) starts zsh's completion system: without
 * `compinit` there is no `compdef`, so no completion script can register,
 * ours included. null when there is no .zshrc to look at.
 */
export function zshrcRunsCompinit(home: string, env: NodeJS.ProcessEnv): boolean | null {
  const file = join(env.ZDOTDIR || home, '.zshrc');
  const text = readHead(file, 256 * 1024) ?? '';
  if (text === '') return null;
  // Frameworks (oh-my-zsh, prezto, zinit) run compinit for the user.
  return /\bcompinit\b|oh-my-zsh|prezto|zinit|zim/.test(text);
}
