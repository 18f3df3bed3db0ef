import type { PromptChoice } from '../config/types.js';

/** One answer of the prompt in words: `path` is the user site or the venv it names. */
export function offerText(choice: PromptChoice, path: string | undefined): string {
  switch (choice) {
    case 'user':
      return `the user site (${path})`;
    case 'venv':
      return `a venv: ${path}`;
    case 'disposable':
      return 'the disposable user site (pipwarden user clean removes it)';
    default:
      return choice;
  }
}
