import type { Interpreter, Outcome } from '../outcome.js';
import type { Mismatch } from '../reason.js';

type Target = Extract<Outcome, { kind: 'target' }>;

/**
 * The one line for pip and python that disagree: both interpreters, and
 * where the install goes. In a Jupyter kernel it says that `%pip` is the
 * kernel's own pip (IPython's `%pip` runs `sys.executable -m pip`).
 */
export function mismatchText(o: Mismatch): string {
  const other =
    o.via === 'kernel'
      ? `this Jupyter kernel is ${named(o.importer)}`
      : `${o.name} is ${named(o.importer)}`;
  const head = `pip is ${named(o.pip)}'s, but ${other}`;
  const whose = o.via === 'kernel' ? 'the kernel' : o.name;
  const percent = o.via === 'kernel' ? '; %pip install always installs into the kernel' : '';
  switch (o.action) {
    case 'python': {
      const how =
        o.through === 'python-option'
          ? `pip --python ${o.importer.executable}`
          : `${o.importer.executable} -m pip`;
      return `${head}: installing for ${whose} into ${o.importer.prefix} (${how})${percent}`;
    }
    case 'refuse':
      return `${head}: pip would install into ${o.pip.prefix}, not for ${whose}`;
    case 'warn': {
      const why =
        o.kept === 'externally-managed'
          ? ` (${whose} is externally managed, PEP 668)`
          : o.kept === 'no-pip'
            ? ` (${whose} has no pip, and this pip is older than 22.3)`
            : '';
      return `${head}: installing into ${o.pip.prefix}, pip's own, not for ${whose}${why}${percent}`;
    }
  }
}

function named(i: Interpreter): string {
  return `Python ${i.version[0]}.${i.version[1]} (${i.executable})`;
}

/** `announce: true`: `pip install → /work/app/.venv (Python 3.12)`. */
export function targetText(o: Target): string {
  const where =
    o.place === 'user-site'
      ? `the user site ${o.where}`
      : o.place === 'disposable'
        ? `the disposable user site ${o.where}`
        : o.where;
  const version = o.version ? ` (Python ${o.version[0]}.${o.version[1]})` : '';
  return `pip ${o.subcommand} → ${where}${version}`;
}
