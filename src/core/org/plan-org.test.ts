import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKSTOP } from '../config/validate-backstop.js';
import type { GovernedInterpreter, OrgState, OrgWants } from './org-facts.js';
import { EMPTY_STATE } from './org-facts.js';
import { planOrgApply } from './plan-org.js';

const hash = (t: string) => `h(${t.length})`;
const wants: OrgWants = {
  backstop: DEFAULT_BACKSTOP,
  marker: { message: 'ACME: use a venv' },
  pipSettings: {},
  orgFiles: ['/etc/pipwarden/config.yaml'],
};
const base = (stdlib: string, marker: string | null, pip = '24.0'): GovernedInterpreter => ({
  paths: [`${stdlib.replace('/lib/', '/bin/')}`],
  kind: 'base',
  stdlib,
  version: '3.12.1',
  pip,
  marker,
});
const noConf = { path: '/etc/pip.conf', text: null, ours: null };
const kinds = (w: OrgWants, i: GovernedInterpreter[], s: OrgState = EMPTY_STATE) =>
  planOrgApply(w, i, s, noConf, hash).markers.map((m) => `${m.kind} ${m.path}`);

describe('planOrgApply', () => {
  it("writes where there is none, never touches a marker it did not write (the distro's)", () => {
    expect(
      kinds(wants, [
        base('/usr/local/lib/python3.12', null),
        base('/usr/lib/python3.11', 'debian'),
      ]),
    ).toEqual([
      'write /usr/local/lib/python3.12/EXTERNALLY-MANAGED',
      'foreign /usr/lib/python3.11/EXTERNALLY-MANAGED',
    ]);
  });

  it('its own marker: kept while current, rewritten for new words, left when edited', () => {
    const path = '/usr/local/lib/python3.12/EXTERNALLY-MANAGED';
    const content = planOrgApply(
      wants,
      [base('/usr/local/lib/python3.12', null)],
      EMPTY_STATE,
      noConf,
      hash,
    ).markers[0] as { content: string };
    const state = (sha256: string): OrgState => ({ ...EMPTY_STATE, markers: [{ path, sha256 }] });
    const ours = hash(content.content);
    expect(kinds(wants, [base('/usr/local/lib/python3.12', ours)], state(ours))).toEqual([
      `ours ${path}`,
    ]);
    expect(kinds(wants, [base('/usr/local/lib/python3.12', 'old')], state('old'))).toEqual([
      `rewrite ${path}`,
    ]);
    expect(kinds(wants, [base('/usr/local/lib/python3.12', 'admin')], state('old'))).toEqual([
      `edited ${path}`,
    ]);
    // The org dropped venv-only: its markers go (io checks the hash again).
    expect(
      kinds({ ...wants, marker: null }, [base('/usr/local/lib/python3.12', ours)], state(ours)),
    ).toEqual([`remove ${path}`]);
  });

  it('envs get nothing; old pip, unsafe and broken interpreters are gaps', () => {
    const venv = { ...base('/v/lib/python3.12', null), kind: 'venv' as const };
    const conda = { ...base('/c/lib/python3.12', null), kind: 'conda' as const };
    const unsafe: GovernedInterpreter = {
      ...base('/u/lib/python3.12', null),
      kind: 'unsafe',
      stdlib: null,
      problem: { what: 'owner', path: '/u/bin', detail: 'owned by uid 1000, not root' },
    };
    const plan = planOrgApply(
      wants,
      [venv, conda, unsafe, base('/o/lib/python3.7', null, '22.0.4')],
      EMPTY_STATE,
      noConf,
      hash,
    );
    expect(plan.markers.map((m) => m.kind)).toEqual(['write']);
    expect(plan.gaps.map((g) => g.kind)).toEqual(['unsafe', 'old-pip']);
  });

  it('pip.conf: edits from the bytes before its own last edit, restores when the org wants nothing', () => {
    const conf = (text: string | null, before: string | null, intact = true) => ({
      path: '/etc/pip.conf',
      text,
      ours: { before, intact },
    });
    const index = { ...wants, pipSettings: { 'index-url': 'https://pypi.org/simple' } };
    const applied = '[global]\nindex-url = https://pypi.org/simple\ncert = /x\n';
    expect(
      planOrgApply(index, [], EMPTY_STATE, conf(applied, '[global]\ncert = /x\n'), hash).pipConf,
    ).toBeNull();
    expect(
      planOrgApply(wants, [], EMPTY_STATE, conf(applied, '[global]\ncert = /x\n'), hash).pipConf,
    ).toEqual({
      path: '/etc/pip.conf',
      text: '[global]\ncert = /x\n',
    });
    expect(planOrgApply(wants, [], EMPTY_STATE, conf(applied, null), hash).pipConf).toEqual({
      path: '/etc/pip.conf',
      text: null,
    });
    // A symlink (or any non-file) is never written through: reported instead.
    const link = { path: '/etc/pip.conf', text: null, ours: null, unusable: 'symlink' as const };
    const linked = planOrgApply(index, [], EMPTY_STATE, link, hash);
    expect(linked.pipConf).toBeNull();
    expect(linked.pipConfConflicts).toEqual([
      {
        kind: 'pip-conf-unusable',
        path: '/etc/pip.conf',
        key: 'index-url',
        want: 'https://pypi.org/simple',
        what: 'symlink',
      },
    ]);
    // Someone edited it after pipwarden: left alone.
    expect(planOrgApply(wants, [], EMPTY_STATE, conf('x', null, false), hash).pipConf).toBeNull();
  });
});
