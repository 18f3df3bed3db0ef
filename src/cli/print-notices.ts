import chalk from 'chalk';
import type { Notice } from '../core/plan.js';

/**
 * pipwarden's lines on stderr, never stdout: tools parse `pip list` and
 * `pip freeze`. Colour only when stderr is a terminal (chalk checks).
 */
export function printNotices(notices: Notice[], stderr: NodeJS.WritableStream): void {
  for (const n of notices) stderr.write(`${formatNotice(n)}\n`);
}

export function formatNotice(n: Notice): string {
  const tag = chalk.bold('pipwarden:');
  switch (n.level) {
    case 'notice':
      return `${tag} ${n.text}`;
    case 'warning':
      return `${tag} ${chalk.yellow('warning:')} ${n.text}`;
    case 'error':
      return `${tag} ${chalk.red(n.text)}`;
  }
}

export function printWarnings(warnings: string[], stderr: NodeJS.WritableStream): void {
  for (const w of warnings)
    stderr.write(`${chalk.bold('pipwarden:')} ${chalk.yellow('warning:')} ${w}\n`);
}
