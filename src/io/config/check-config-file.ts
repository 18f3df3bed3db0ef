import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { displayPath } from '../../core/config/display.js';
import { validate } from '../../core/config/validate.js';
import { capText, OWN_CONFIG_CAP, readBounded, refusedRead } from '../read-bounded.js';
import { EXECUTABLE_EXTENSIONS } from './load-config-places.js';

/**
 * One config file, read and validated as `pipwarden config validate FILE`
 * checks it for an org's CI: every problem one line, naming the file.
 */
export async function checkConfigFile(
  file: string,
  home: string,
): Promise<{ errors: string[]; warnings: string[]; label: string }> {
  const where = displayPath(file, home);
  const warnings: string[] = [];
  const fail = (line: string) => ({ errors: [line], warnings, label: where });
  if ((EXECUTABLE_EXTENSIONS as readonly string[]).includes(extname(file))) {
    return fail(
      `${where}: pipwarden reads data files only (JSON, YAML, TOML); move the settings to a .yaml file`,
    );
  }
  try {
    if ((await stat(file)).isDirectory()) {
      return fail(
        `${where}: is a directory; name a config file (config.yaml, config.json, config.toml)`,
      );
    }
    const read = readBounded(file, OWN_CONFIG_CAP);
    if (!read.ok && (read.problem === 'not-regular' || read.problem === 'too-large')) {
      return fail(
        `${where}: ${refusedRead(read)}; a config is a regular file of at most ${capText(OWN_CONFIG_CAP)}`,
      );
    }
    const content = read.ok ? read.bytes.toString('utf8') : await readFile(file, 'utf8');
    const { dataLoaders, syntaxMessage } = await import('./load-config-loaders.js');
    const loaders = dataLoaders(warnings, home);
    const ext = extname(file);
    const loader = loaders[ext === '' ? 'noExt' : ext] ?? loaders['.yaml'];
    let raw: unknown;
    try {
      raw = await loader?.(file, content);
    } catch (error) {
      return fail(syntaxMessage(error, file, home));
    }
    const checked = validate(raw, file, home);
    return { errors: checked.errors, warnings: [...warnings, ...checked.warnings], label: where };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : (error as Error).message.split('\n')[0];
    return fail(`${where}: cannot read it: ${why}`);
  }
}
