import type { Notice, Plan } from '../core/plan.js';
import { shQuote } from '../core/render/quote.js';

/**
 * When the plan creates a venv, the user's shell still is not in it: say how
 * to activate it, in the words of their shell ($SHELL: the shims run under
 * sh, so the login shell is the best guess we have).
 */
export function venvNextStep(plan: Plan, env: NodeJS.ProcessEnv): Notice[] {
  if (plan.action !== 'rewrite') return [];
  const made = plan.before.find((step) => step.at(-2) === 'venv' && step.at(-3) === '-m');
  const path = made?.at(-1);
  if (path === undefined) return [];
  return [
    {
      level: 'notice',
      text: `next: to use it in this shell: ${activateCommand(path, env.SHELL ?? '')}`,
    },
  ];
}

export function activateCommand(venv: string, shell: string): string {
  const name = shell.split('/').pop() ?? '';
  const bin = `${venv.replace(/\/$/, '')}/bin`;
  if (name === 'fish')
    return `source ${shQuote(`${bin}/activate.fish`).replace(/^'(\S*)'$/, '$1')}`;
  if (name === 'csh' || name === 'tcsh') return `source ${bin}/activate.csh`;
  return `. ${shQuote(`${bin}/activate`).replace(/^'(\S*)'$/, '$1')}`;
}
