import type { Notice } from '../plan.js';

/** The colours a line may carry; chalk in the CLI, plain text in tests. */
export interface Paint {
  bold(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
}

/** One stderr line as the shim, `run` and `explain` print it. */
export function formatNotice(n: Notice, c: Paint): string {
  const tag = c.bold('pipwarden:');
  switch (n.level) {
    case 'notice':
      return `${tag} ${n.text}`;
    case 'warning':
      return `${tag} ${c.yellow('warning:')} ${n.text}`;
    case 'error':
      return `${tag} ${c.red(n.text)}`;
  }
}
