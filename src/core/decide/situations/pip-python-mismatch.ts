import type { Facts, InterpreterFacts } from '../../facts.js';
import type { Interpreter } from '../../outcome.js';
import type { Mismatch } from '../../reason.js';
import { applied, refuse, ruleFor } from '../draft.js';
import { atLeast, PIP_PYTHON_OPTION } from '../pip-versions.js';
import type { Situation } from './situation.js';

/**
 * pip and python disagree (pypa/pip#3166): the `pip` on PATH belongs to
 * another interpreter than the one that will import what it installs,
 * `python3` on the same PATH or the Jupyter kernel whose `!pip` this is
 * (facts.importer). Returns the importer's facts when pip was pointed at
 * it, so the situations after this one judge that interpreter; else null.
 *
 * With an env active and a target (VIRTUAL_ENV, CONDA_PREFIX, pixi; a conda
 * base only with condaBase), onForeignEnv decides and this is not
 * consulted: the user said where installs go. In a Jupyter kernel the
 * kernel is what imports, whatever env the server's shell had active, so
 * decide() asks this first there. A versioned name (`pip3.12`) that the
 * importer does not match is the user's choice of version: not a mismatch.
 */
export function pipPythonMismatch(s: Situation): InterpreterFacts | null {
  const { facts, interp, config, draft } = s;
  const imp = facts.importer;
  if (!imp) return null;
  if (imp.via === 'path' && envIsTarget(facts, config.config.condaBase)) return null;
  const target = imp.interpreter;
  const wanted = /(\d+\.\d+)$/.exec(facts.tool.name)?.[1];
  if (wanted && `${target.version[0]}.${target.version[1]}` !== wanted) return null;
  const rule = ruleFor(config, 'pipPythonMismatch');
  if (rule.action === 'pip') return null;
  const base: Mismatch = {
    via: imp.via,
    name: imp.name,
    pip: named(interp),
    importer: named(target),
    action: 'warn',
    through: null,
    kept: null,
  };
  const step = {
    kind: 'pip-of-importer' as const,
    via: imp.via,
    name: imp.name,
    subcommand: s.subcommand,
  };
  if (rule.action === 'refuse') {
    const mismatch: Mismatch = { ...base, action: 'refuse' };
    refuse(draft, config, 'pipPythonMismatch', { kind: 'pip-python-mismatch', mismatch }, [
      step,
      { kind: 'set-config', key: 'onPipPythonMismatch', value: 'python' },
    ]);
    return null;
  }
  if (rule.action === 'warn') return warn(s, base);
  // `python`. pip there would refuse what pip here completes (PEP 668):
  // never turn a call pip alone would complete into a failure.
  if (target.externallyManaged !== null && interp.externallyManaged === null)
    return warn(s, { ...base, kept: 'externally-managed' });
  if (target.pipVersion !== null) {
    draft.runner = { kind: 'python', python: target.executable };
    return pointed(s, { ...base, action: 'python', through: 'python-m-pip' }, target);
  }
  if (atLeast(interp.pipVersion, PIP_PYTHON_OPTION)) {
    draft.pythonOption = target.executable;
    return pointed(s, { ...base, action: 'python', through: 'python-option' }, target);
  }
  return warn(s, { ...base, kept: 'no-pip' });
}

function warn(s: Situation, o: Mismatch): null {
  applied(
    s.draft,
    s.config,
    'pipPythonMismatch',
    'warn',
    { kind: 'pip-python-mismatch', mismatch: o },
    'warning',
  );
  return null;
}

function pointed(s: Situation, o: Mismatch, target: InterpreterFacts): InterpreterFacts {
  applied(s.draft, s.config, 'pipPythonMismatch', 'python', {
    kind: 'pip-python-mismatch',
    mismatch: o,
  });
  return target;
}

function named(i: InterpreterFacts): Interpreter {
  return { executable: i.executable, version: [i.version[0], i.version[1]], prefix: i.prefix };
}

function envIsTarget(facts: Facts, condaBase: boolean): boolean {
  const env = facts.activeEnv;
  return env !== null && env.python !== null && (!env.isCondaBase || condaBase);
}
