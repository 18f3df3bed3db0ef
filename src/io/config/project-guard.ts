import { dirname, resolve, sep } from 'node:path';
import { displayPath } from '../../core/config/display.js';
import type { PartialConfig } from '../../core/config/types.js';
import type { Env } from '../../core/env.js';

/**
 * A project config arrives with any cloned repository. Unless the user
 * trusted the file (`pipwarden trust`), it may not
 *   - name a program for pipwarden to run (`venv.python = "./tools/py"`),
 *   - name a place outside the project for it to write
 *     (`venv.path = "/home/me/.bashrc.d"`),
 *   - loosen what pip alone would do (`allowBreakSystemPackages: true`
 *     installs where pip refuses: PEP 668),
 *   - run pixi on the user's own pixi project (`onPixiEnv: pixi-add`),
 *   - touch the audit trail (`audit.*`: silence it, or name a file for
 *     pipwarden to append to), which is the user's and the org's.
 * Those keys are dropped with a line naming the file and the trust command
 * (docs/security.md, "What an untrusted project config may set").
 * Returns true when the file is trusted and set one of them (its venv is
 * then the user's choice too); trust is not looked up otherwise.
 */
export async function guardProject(
  values: PartialConfig,
  file: string,
  home: string,
  warnings: string[],
  env: Env,
): Promise<boolean> {
  const risky = riskyKeys(values, dirname(file));
  // trust.js (node:crypto) loads only when a file sets one of these keys.
  if (risky.length === 0) return false;
  if (await trusted(env, file)) return true;
  const where = displayPath(file, home);
  for (const { key, what, drop } of risky) {
    warnings.push(
      `${where}: ${key}: ${what}, ignored because the file is not trusted; if you checked it, run: pipwarden trust ${where}`,
    );
    drop();
  }
  return false;
}

interface Risky {
  key: string;
  what: string;
  drop: () => void;
}

function riskyKeys(values: PartialConfig, root: string): Risky[] {
  const risky: Risky[] = [];
  const venv = values.venv;
  if (venv && typeof venv.python === 'string') {
    risky.push({
      key: 'venv.python',
      what: `names a program to run (${JSON.stringify(venv.python)})`,
      drop: () => delete venv.python,
    });
  }
  if (venv && venv.path !== undefined) {
    const target = resolve(root, venv.path);
    if (target !== root && !target.startsWith(root + sep)) {
      risky.push({
        key: 'venv.path',
        what: `points outside the project (${JSON.stringify(venv.path)})`,
        drop: () => delete venv.path,
      });
    }
  }
  if (values.allowBreakSystemPackages === true) {
    risky.push({
      key: 'allowBreakSystemPackages',
      what: 'would install where pip alone refuses (PEP 668)',
      drop: () => delete values.allowBreakSystemPackages,
    });
  }
  if (values.onPixiEnv?.action === 'pixi-add') {
    // pixi add edits the active pixi project's manifest and lock: a place
    // the user activated, outside this tree.
    risky.push({
      key: 'onPixiEnv',
      what: "runs pixi add, which edits the active pixi project's manifest",
      drop: () => delete values.onPixiEnv,
    });
  }
  if (values.audit !== undefined && Object.keys(values.audit).length > 0) {
    risky.push({
      key: 'audit',
      what: "the audit trail is set by the user's and the org's config only",
      drop: () => delete values.audit,
    });
  }
  return risky;
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
