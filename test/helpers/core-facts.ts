import { classifyCall } from '../../src/core/call.js';
import { merge } from '../../src/core/config/merge.js';
import type { PartialConfig } from '../../src/core/config/types.js';
import { decide } from '../../src/core/decide/decide.js';
import { type Facts, type InterpreterFacts, noPipSettings } from '../../src/core/facts.js';
import type { Decision } from '../../src/core/plan.js';

/**
 * Facts for the pure decision's unit tests (src/core/decide/*.test.ts): an
 * interpreter with its prefix at `prefix`, Python 3.`minor`, pip 24.2, a
 * writable site-packages and user /home/u.
 */
export function interpAt(
  prefix: string,
  minor = 12,
  over: Partial<InterpreterFacts> = {},
): InterpreterFacts {
  const lib = `${prefix}/lib/python3.${minor}`;
  return {
    executable: `${prefix}/bin/python3.${minor}`,
    realpath: `${prefix}/bin/python3.${minor}`,
    version: [3, minor, 1],
    prefix,
    basePrefix: prefix,
    purelib: `${lib}/site-packages`,
    platlib: `${lib}/site-packages`,
    stdlib: lib,
    scripts: `${prefix}/bin`,
    sitePackagesWritable: true,
    enableUserSite: true,
    userBase: '/home/u/.local',
    userSite: `/home/u/.local/lib/python3.${minor}/site-packages`,
    userScripts: '/home/u/.local/bin',
    userScriptsOnPath: false,
    externallyManaged: null,
    pipVersion: '24.2',
    envKind: 'system',
    includeSystemSitePackages: null,
    ...over,
  };
}

/** The facts of `pip` (its own, in the interpreter's bin) run in project /p by uid 1000. */
export function factsOf(i: InterpreterFacts | null, over: Partial<Facts> = {}): Facts {
  return {
    tool: { kind: 'pip', name: 'pip', path: `${i?.prefix ?? '/usr/local'}/bin/pip` },
    interpreter: i,
    activeEnv: null,
    pipSettings: noPipSettings(),
    user: { uid: 1000, isRoot: false, sudoUser: null },
    projectVenv: null,
    projectRoot: '/p',
    cwd: '/p',
    configuredVenv: { path: '/p/.venv', exists: false },
    ...over,
  };
}

/** decide() for a command line (`['pip', 'install', 'x']`) with one user config layer. */
export function decideArgv(argv: string[], f: Facts, values: PartialConfig = {}): Decision {
  const [name = '', ...args] = argv;
  const call = classifyCall(name, args);
  if (!call) throw new Error(`not handled: ${argv.join(' ')}`);
  return decide(
    call,
    f,
    merge([{ level: 'user', file: '/home/u/.config/pipwarden/config.yaml', values }]),
  );
}
