import type { NextStep } from '../outcome.js';
import { shQuote } from './quote.js';
import { locationText } from './source-text.js';

/** The alternatives of one `next:` line, in the order given. */
export function stepsText(steps: NextStep[]): string {
  return steps.map(stepText).join(', or ');
}

/** One next step in words. */
export function stepText(step: NextStep): string {
  switch (step.kind) {
    case 'make-venv': {
      const make = `${step.python} -m venv .venv && . .venv/bin/activate, then run pip again`;
      const before = step.drop
        ? `drop ${typeof step.drop === 'string' ? step.drop : locationText(step.drop)}${step.orUnset ? ` (or unset ${step.orUnset})` : ''} and `
        : step.withoutSudo
          ? 'run without sudo inside a venv: '
          : '';
      const or = step.orSet ? `; or set ${step.orSet.key}: ${step.orSet.value}` : '';
      return `${before}${make}${or}`;
    }
    case 'user-install':
      return 'pip install --user';
    case 'drop-user':
      return `drop --user (or unset PIP_USER) to install into the ${step.envKind ? `${step.envKind} env` : 'venv'}`;
    case 'conda-create':
      return `conda create -n <name> python=${step.python} pip && conda activate <name>, then run pip again`;
    case 'install-pip':
      if (step.manager === 'pixi') return 'pixi add pip (then run pip again)';
      if (step.manager === 'conda') return `conda install -p ${step.env} pip (then run pip again)`;
      return `${step.python ?? `${step.env}/bin/python`} -m ensurepip (then run pip again)`;
    case 'create-venv':
      return `${step.python} -m venv ${step.path}, then run pip again`;
    case 'rebuild-venv':
      return `rm -rf ${step.path} && ${step.python} -m venv ${step.path} (on Debian/Ubuntu install python3-venv first), then run pip again`;
    case 'approved-index':
      return approvedIndex(step);
    case 'ask-admin':
      return `the policy${step.files.length ? ` in ${step.files.join(', ')}` : ''} allows no install here; ask whoever manages this machine`;
    case 'activate-venv':
      return `to use it in this shell: ${activateCommand(step.path, step.shell)}`;
    case 'vouch-venv':
      return `if you made that venv, run: pipwarden trust ${step.path}; or activate it (. ${step.path}/bin/activate); or remove it and let pipwarden make a new one`;
    case 'import-probed-pip':
      return `run pip without it (${step.dropNoSite ? 'drop -S, ' : ''}unset PYTHONPATH and PYTHONHOME, or cd elsewhere)`;
    case 'add-to-path':
      return `scripts go to ${step.dir}, which is NOT on PATH: export PATH="${step.dir}:$PATH"`;
    case 'use-disposable-base':
      return `import from it with PYTHONUSERBASE=${step.base} ${step.python}; remove it with pipwarden user clean`;
    case 'set-config':
      return `set ${step.key}: ${step.value}`;
    case 'pip-of-importer':
      return step.via === 'kernel'
        ? `in the notebook, run %pip ${step.subcommand} … (it runs the kernel's own python -m pip)`
        : `${step.name} -m pip ${step.subcommand} …`;
    case 'pixi-add': {
      const add = step.specs
        ? `pixi add --pypi ${step.specs.map(shQuote).join(' ')}`
        : 'add the packages to [pypi-dependencies] in the pixi manifest, then pixi install';
      return step.getPixi ? `install pixi (https://pixi.sh) or put it on PATH; then: ${add}` : add;
    }
  }
}

function approvedIndex(step: Extract<NextStep, { kind: 'approved-index' }>): string {
  const src = step.source;
  const list = step.allowed.join(', ');
  if (src === 'default') {
    return `name an approved index with --index-url (or index-url in pip.conf): ${list}`;
  }
  if (src.kind === 'argv') return `drop ${src.where} and use an approved index: ${list}`;
  if (src.kind === 'env') return `unset ${src.where} and use an approved index: ${list}`;
  const section = src.section ? ` [${src.section}]` : '';
  return `remove ${step.key} from ${src.where}${section} and use an approved index: ${list}`;
}

/**
 * How to activate a venv in the user's login shell ($SHELL: the shims run
 * under sh, so the login shell is the best guess there is).
 */
export function activateCommand(venv: string, shell: string): string {
  const name = shell.split('/').pop() ?? '';
  const bin = `${venv.replace(/\/$/, '')}/bin`;
  if (name === 'fish')
    return `source ${shQuote(`${bin}/activate.fish`).replace(/^'(\S*)'$/, '$1')}`;
  if (name === 'csh' || name === 'tcsh') return `source ${bin}/activate.csh`;
  return `. ${shQuote(`${bin}/activate`).replace(/^'(\S*)'$/, '$1')}`;
}
