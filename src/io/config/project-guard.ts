import { dirname, resolve, sep } from 'node:path';
import { displayPath } from '../../core/config/display.js';
import type { PartialConfig } from '../../core/config/types.js';
import type { Env } from '../../core/env.js';

/**
 * A project config arrives with any cloned repository. Unless the user
 * trusted the file (`pipwarden trust`), it may not name a program for
 * pipwarden to run (`venv.python = "./tools/py"`) or a place outside the
 * project for it to write (`venv.path = "/home/me/.bashrc.d"`): those keys
 * are dropped with a line naming the file and the trust command.
 */
export async function guardProject(
  values: PartialConfig,
  file: string,
  home: string,
  warnings: string[],
  env: Env,
): Promise<void> {
  const venv = values.venv;
  if (!venv) return;
  const root = dirname(file);
  const risky: string[] = [];
  if (typeof venv.python === 'string') risky.push('python');
  if (venv.path !== undefined) {
    const target = resolve(root, venv.path);
    if (target !== root && !target.startsWith(root + sep)) risky.push('path');
  }
  // trust.js (node:crypto) loads only when a file sets one of these keys.
  if (risky.length === 0 || (await trusted(env, file))) return;
  const where = displayPath(file, home);
  for (const key of risky) {
    const what =
      key === 'python'
        ? `names a program to run (${JSON.stringify(venv.python)})`
        : `points outside the project (${JSON.stringify(venv.path)})`;
    warnings.push(
      `${where}: venv.${key}: ${what}, ignored because the file is not trusted; if you checked it, run: pipwarden trust ${where}`,
    );
    delete venv[key as 'python' | 'path'];
  }
}

async function trusted(env: Env, file: string): Promise<boolean> {
  try {
    const { isTrusted, readRegularFile } = await import('./trust.js');
    const content = readRegularFile(file);
    return content !== null && isTrusted(env, file, content);
  } catch {
    return false;
  }
}
