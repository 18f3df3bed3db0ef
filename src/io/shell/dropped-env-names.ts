import { readFileSync } from 'node:fs';

/** A name sh can hold: dash, busybox, mksh, ksh and posh pass on no other. */
const SH_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The `PIP_*` names the shim's shell dropped on its way to us: in the
 * environment the shim started with (`/proc/<parent>/environ`, the shim
 * being the process that ran this engine), not sh names, and absent from
 * ours. pip reads any `PIP_<option>` (pip/_internal/configuration.py,
 * `get_environ_vars`), so `PIP_INDEX-URL` works for pip alone, but dash,
 * busybox, mksh, ksh and posh drop such names when they exec (bash, zsh and
 * yash pass them on). Linux only; elsewhere, and for any other parent, none.
 * Read with plain node:fs, before the plan cache records the decision's reads.
 */
export function droppedPipNames(env: NodeJS.ProcessEnv, ppid: number): string[] {
  let raw: string;
  try {
    raw = readFileSync(`/proc/${ppid}/environ`, 'latin1');
  } catch {
    return [];
  }
  const names = new Set<string>();
  for (const entry of raw.split('\0')) {
    const eq = entry.indexOf('=');
    const name = eq < 0 ? entry : entry.slice(0, eq);
    if (name.startsWith('PIP_') && !SH_NAME.test(name) && env[name] === undefined) names.add(name);
  }
  return [...names];
}
