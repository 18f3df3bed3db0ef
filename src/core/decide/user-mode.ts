import type { PipInvocation } from '../argv/types.js';
import type { Facts, SettingSource } from '../facts.js';
import type { ExplicitLocation } from '../location.js';

/** How pip would decide `use_user_site`, and who asked for it. */
export interface UserMode {
  /** true: --user / PIP_USER=1 / user = true; false: --no-user / PIP_USER=0; null: pip decides. */
  value: boolean | null;
  source: SettingSource | null;
}

/**
 * The command line wins over PIP_USER and pip.conf; the last of `--user` and
 * `--no-user` wins (optparse stores into the same dest, `use_user_site`).
 */
export function userMode(inv: PipInvocation, facts: Facts): UserMode {
  let found: UserMode | null = null;
  for (const opt of inv.options) {
    if (opt.dest !== 'use_user_site') continue;
    found = {
      value: opt.name !== '--no-user',
      source: { kind: 'argv', where: inv.argv.slice(opt.start, opt.end).join(' ') },
    };
  }
  if (found) return found;
  const setting = facts.pipSettings.user;
  if (setting) return { value: setting.value, source: setting.source };
  return { value: null, source: null };
}

/** `--target`, `--prefix` or `--root`: the user chose where files go. */
export function explicitLocation(inv: PipInvocation, facts: Facts): ExplicitLocation | null {
  return explicitLocations(inv, facts)[0] ?? null;
}

const LOCATION_DESTS: Record<string, ExplicitLocation['kind']> = {
  target_dir: 'target',
  prefix_path: 'prefix',
  root_path: 'root',
};

/** Every explicit location, the command line's first, then pip's settings. */
export function explicitLocations(inv: PipInvocation, facts: Facts): ExplicitLocation[] {
  const found: ExplicitLocation[] = [];
  for (const opt of inv.options) {
    const kind = LOCATION_DESTS[opt.dest];
    if (kind) {
      const where = inv.argv.slice(opt.start, opt.end).join(' ');
      found.push({ kind, value: opt.value ?? '', source: { kind: 'argv', where } });
    }
  }
  const s = facts.pipSettings;
  for (const [kind, setting] of [
    ['target', s.target],
    ['prefix', s.prefix],
    ['root', s.root],
  ] as const) {
    if (setting) found.push({ kind, value: setting.value, source: setting.source });
  }
  return found;
}

/** `--break-system-packages` on the command line or in pip's config. */
export function breaksSystemPackages(inv: PipInvocation, facts: Facts): boolean {
  const opt = inv.options.find((o) => o.dest === 'override_externally_managed');
  if (opt) return true;
  return facts.pipSettings.breakSystemPackages?.value === true;
}
