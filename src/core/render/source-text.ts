import type { SettingSource } from '../facts.js';
import type { ExplicitLocation } from '../location.js';

/** Where a pip setting came from: `--user`, `PIP_USER in the environment`, `/etc/pip.conf [install]`. */
export function describeSource(source: SettingSource): string {
  switch (source.kind) {
    case 'argv':
      return source.where;
    case 'env':
      return `${source.where} in the environment`;
    case 'file':
      return source.section ? `${source.where} [${source.section}]` : source.where;
  }
}

/** As the user gave it: `--prefix /usr/local`, `target = x (PIP_TARGET in the environment)`. */
export function locationText(location: ExplicitLocation): string {
  const { kind, value, source } = location;
  return source.kind === 'argv' ? source.where : `${kind} = ${value} (${describeSource(source)})`;
}
