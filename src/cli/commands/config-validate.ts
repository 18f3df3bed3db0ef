import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { extname, resolve } from 'node:path';
import { displayPath } from '../../core/config/display.js';
import { validate } from '../../core/config/validate.js';
import { PipwardenError } from '../../core/errors.js';
import { loadConfig } from '../../io/load-config.js';
import { EXECUTABLE_EXTENSIONS } from '../../io/load-config-places.js';
import type { CommandContext } from '../context.js';
import { splitArgs } from '../split-args.js';

/**
 * `pipwarden config validate [--strict] [FILE]`, for the CI of org config
 * repos: every problem on stderr, one line each, and an exit code: 0 valid,
 * 78 invalid (with --strict, warnings count too), 64 usage. Without FILE,
 * the layers this directory would use are checked.
 */
export async function configValidate(args: string[], ctx: CommandContext): Promise<number> {
  const { flags, rest } = splitArgs('config validate', args, ['--strict']);
  if (rest.length > 1) {
    throw new PipwardenError(
      'usage',
      `config validate: unexpected argument "${rest[1]}"`,
      'pipwarden config validate [--strict] [FILE]',
    );
  }
  const home = ctx.env.HOME || homedir();
  const { errors, warnings, label } = rest[0]
    ? await checkFile(resolve(ctx.cwd, rest[0]), home)
    : { ...(await loadConfig({ cwd: ctx.cwd, env: ctx.env, home })), label: 'config' };
  for (const w of warnings) ctx.stderr.write(`pipwarden: warning: ${w}\n`);
  for (const e of errors) ctx.stderr.write(`pipwarden: error: ${e}\n`);
  const failed = errors.length > 0 || (flags.has('--strict') && warnings.length > 0);
  if (failed) {
    ctx.stderr.write(
      `pipwarden: next: fix the lines above (docs/config.md lists every key)${flags.has('--strict') ? '; --strict counts warnings' : ''}\n`,
    );
    return 78;
  }
  ctx.stdout.write(`ok: ${label}\n`);
  return 0;
}

async function checkFile(
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
    const content = await readFile(file, 'utf8');
    const { dataLoaders, syntaxMessage } = await import('../../io/load-config-loaders.js');
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
