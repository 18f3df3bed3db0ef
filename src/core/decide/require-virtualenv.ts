import type { SettingSource } from '../facts.js';
import type { Situation } from './situations/situation.js';

/**
 * Where pip's require-virtualenv comes from (`--require-virtualenv`,
 * PIP_REQUIRE_VIRTUALENV, `require-virtualenv = true`), or null when pip does
 * not require one. install and uninstall honour it: outside a virtualenv
 * (sys.prefix == sys.base_prefix, so conda and pixi envs too) pip exits 3
 * before doing anything (pip/_internal/cli/base_command.py).
 */
export function requiresVirtualenv(s: Situation): SettingSource | null {
  const opt = [...s.inv.globals, ...s.inv.options].filter((o) => o.dest === 'require_venv').at(-1);
  if (opt) return { kind: 'argv', where: s.inv.argv.slice(opt.start, opt.end).join(' ') };
  const setting = s.facts.pipSettings.requireVirtualenv;
  return setting?.value === true ? setting.source : null;
}
