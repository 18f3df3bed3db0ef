import { describe, expect, it } from 'vitest';
import { classifyCall } from './call.js';
import { triage } from './triage.js';

function t(cmd: string, disable?: string, disableLocked = false) {
  const [name = '', ...args] = cmd.split(' ');
  const call = classifyCall(name, args);
  if (!call) throw new Error(cmd);
  return triage(call, { disable, disableLocked });
}

describe('triage: the front door, before any config', () => {
  it.each([
    ['pip install x', '1', 'pass', 'PIPWARDEN_DISABLE=1'],
    ['pip3 list', undefined, 'pass', 'pip list changes no environment'],
    ['pip --version', undefined, 'pass', 'pip (no subcommand) changes no environment'],
    ['python3 -c pass', undefined, 'pass', 'not a pip call: python3 runs unchanged'],
    ['pip install x', '0', 'decide', undefined],
    ['python3 -m pip uninstall -y x', undefined, 'decide', undefined],
  ])('%s (PIPWARDEN_DISABLE=%s) → %s', (cmd, disable, kind, why) => {
    const r = t(cmd, disable);
    expect(r.kind).toBe(kind);
    if (r.kind === 'pass') expect(r.why).toBe(why);
  });

  it('an org lock on the bypass sends the call on to decide()', () => {
    expect(t('pip install x', '1', true).kind).toBe('decide');
  });

  // pip: `"--isolated" in cmd_args` — the exact token, anywhere; an
  // abbreviation isolates the parser but not the config.
  it.each([
    ['pip --isolated install x', true],
    ['pip install x --isolated', true],
    ['pip --isol install x', false],
    ['pip install --isolate x', false],
  ])('%s: config isolated = %s', (cmd, isolated) => {
    const r = t(cmd);
    if (r.kind !== 'decide') throw new Error(r.kind);
    expect(r.isolated).toBe(isolated);
  });
});
