import { readHead } from '../fs-checks.js';
import { parseIni } from '../pip-config/ini.js';

/**
 * The distro's own words from an EXTERNALLY-MANAGED marker, as pip picks
 * them (ExternallyManagedEnvironment.from_config): `Error-<lang>_<REGION>`,
 * then `Error-<lang>`, then `Error`, in section [externally-managed]. null
 * when the file has none, as pip then prints its generic text.
 */
export function readPep668Message(marker: string, env: NodeJS.ProcessEnv): string | null {
  const ini = parseIni(readHead(marker, 64 * 1024) ?? '', { python: [3, 12] });
  const section = ini.sections.get('externally-managed');
  if (!section) return null;
  const locale = (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').split('.')[0] ?? '';
  const lang = locale.split('_')[0] ?? '';
  const keys = [locale && `error-${locale.toLowerCase()}`, lang && `error-${lang}`, 'error'];
  for (const key of keys) {
    const value = key ? section.get(key) : undefined;
    if (value !== undefined) return value;
  }
  return null;
}
