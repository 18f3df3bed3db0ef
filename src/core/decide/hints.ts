import type { Facts } from '../facts.js';
import type { NextStep } from '../outcome.js';

/** Make the project's `.venv` with the python the user typed (python3 for a pip script). */
export function makeVenv(
  facts: Facts,
  more: Omit<Extract<NextStep, { kind: 'make-venv' }>, 'kind' | 'python'> = {},
): NextStep {
  const python = facts.tool.kind === 'python' ? facts.tool.name : 'python3';
  return { kind: 'make-venv', python, ...more };
}

/** How to give an env (or interpreter) its own pip: its manager's way, else ensurepip. */
export function installPip(kind: string, prefix: string, python?: string): NextStep {
  const manager = kind === 'pixi' || kind === 'conda' ? kind : 'ensurepip';
  return { kind: 'install-pip', env: prefix, manager, ...(python === undefined ? {} : { python }) };
}
