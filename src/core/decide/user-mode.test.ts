import { describe, expect, it } from 'vitest';
import { parsePipArgv } from '../argv/index.js';
import { type Facts, noPipSettings } from '../facts.js';
import { explicitLocation, explicitLocations } from './user-mode.js';

function facts(settings: Partial<ReturnType<typeof noPipSettings>> = {}): Facts {
  return {
    tool: { kind: 'pip', name: 'pip', path: '/usr/local/bin/pip' },
    interpreter: null,
    activeEnv: null,
    pipSettings: { ...noPipSettings(), ...settings },
    user: { uid: 1000, isRoot: false, sudoUser: null },
    projectVenv: null,
    projectRoot: '/p',
    cwd: '/p',
    configuredVenv: { path: '/p/.venv', exists: false },
  };
}

describe('explicitLocations: where the user chose files go, as values (no words)', () => {
  it('the command line first, each with its tokens as the source', () => {
    const inv = parsePipArgv(['install', '--prefix', '/usr/local', '-t/t', 'x']);
    expect(explicitLocations(inv, facts())).toEqual([
      {
        kind: 'prefix',
        value: '/usr/local',
        source: { kind: 'argv', where: '--prefix /usr/local' },
      },
      { kind: 'target', value: '/t', source: { kind: 'argv', where: '-t/t' } },
    ]);
  });

  it("then pip's settings, with where each was set", () => {
    const source = { kind: 'env', where: 'PIP_TARGET' } as const;
    const inv = parsePipArgv(['install', 'x']);
    const f = facts({ target: { value: 'x', source } });
    expect(explicitLocation(inv, f)).toEqual({ kind: 'target', value: 'x', source });
    expect(explicitLocation(inv, facts())).toBeNull();
  });
});
