import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathWith, world } from '../engine/fixtures.js';
import { pipwarden } from '../helpers/cli.js';

// The bypass comes before anything is loaded (volta checks its bypass
// first): a broken project config cannot stop PIPWARDEN_DISABLE=1, the very
// escape that config error's hint points to.
describe('PIPWARDEN_DISABLE=1 with a broken .pipwardenrc in the cwd', () => {
  it('explain passes instead of exiting 78; without the bypass an install is 78', () => {
    const w = world();
    const dir = join(w.root, 'project');
    mkdirSync(dir);
    writeFileSync(join(dir, '.pipwardenrc'), '{ not json');
    const env = w.env({ PATH: pathWith() });
    const broken = pipwarden(['explain', '--json', '--', 'pip3', 'install', 'x'], {
      env,
      cwd: dir,
    });
    expect(broken.status).toBe(78);
    const bypassed = pipwarden(['explain', '--json', '--', 'pip3', 'install', 'x'], {
      env: { ...env, PIPWARDEN_DISABLE: '1' },
      cwd: dir,
    });
    expect(bypassed.status, bypassed.stderr).toBe(0);
    expect(JSON.parse(bypassed.stdout).action).toBe('pass');
    const r = pipwarden(['explain', '--json', '--', 'pip3', 'list'], {
      env: { ...env, PIPWARDEN_DISABLE: '1' },
      cwd: dir,
    });
    expect(r.status, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.action).toBe('pass');
    expect(plan.reasons[0].message).toBe('PIPWARDEN_DISABLE=1');
  });
});

// Triage runs before config: a call that changes no environment needs none.
describe('a read-only pip call with a broken .pipwardenrc', () => {
  it('passes as typed: pip list reads no pipwarden config', () => {
    const w = world();
    const dir = join(w.root, 'project');
    mkdirSync(dir);
    writeFileSync(join(dir, '.pipwardenrc'), '{ not json');
    const r = pipwarden(['explain', '--json', '--', 'pip3', 'list'], {
      env: w.env({ PATH: pathWith() }),
      cwd: dir,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).reasons[0].message).toBe('pip list changes no environment');
  });
});
