import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, TOP_LEVEL_KEYS } from '../../src/core/config/keys.js';
import { configSchema } from '../../src/core/config/schema.js';
import { validate } from '../../src/core/config/validate.js';
import { ROOT } from '../helpers/cli.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';

const SHIPPED = join(ROOT, 'schema', 'config.schema.json');
const hasJsonschema =
  spawnSync(DEBIAN_PYTHON, ['-c', 'import jsonschema'], { encoding: 'utf8' }).status === 0;
const noJsonschema = needs('python3-jsonschema for /usr/bin/python3', hasJsonschema);

describe('one table of config keys (keys.ts CONFIG_KEYS)', () => {
  it('docs/config.md lists every key in CONFIG_KEYS order', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'config.md'), 'utf8');
    // Table rows name a key in their first cell; `rules` has its own section.
    const listed = [...doc.matchAll(/^\| `([\w.]+)` \|/gm)]
      .map((m) => m[1]!)
      .filter((k) => (CONFIG_KEYS as readonly string[]).includes(k));
    expect([...new Set(listed)]).toEqual(CONFIG_KEYS.filter((k) => k !== 'rules'));
    expect(doc.indexOf('## Rules and presets')).toBeGreaterThan(doc.indexOf('| `audit.file` |'));
  });

  it("a file's top-level keys are CONFIG_KEYS' first segments, then presets and lock", () => {
    expect(TOP_LEVEL_KEYS).toEqual([
      ...CONFIG_KEYS.filter((k) => !k.startsWith('venv.') && !k.startsWith('audit.')).slice(0, -1),
      'venv',
      'audit',
      'rules',
      'presets',
      'lock',
      'backstop',
    ]);
  });
});

describe('the JSON Schema', () => {
  it('shipped file is the one configSchema() builds (npm run schema refreshes it)', () => {
    expect(JSON.parse(readFileSync(SHIPPED, 'utf8'))).toEqual(configSchema());
  });

  it('names every key validate() knows', () => {
    const props = Object.keys((configSchema().properties as object) ?? {});
    expect(props.sort()).toEqual(['$schema', ...TOP_LEVEL_KEYS].sort());
  });

  // Samples on both sides of each rule; validate() and a real JSON Schema
  // validator (python3-jsonschema, Draft 2020-12) must agree on each.
  const samples: unknown[] = [
    {},
    { onNoEnv: 'venv' },
    { onNoEnv: 'usr' },
    { onNoEnv: 'user' },
    { onNoEnv: { action: 'refuse', message: 'x' } },
    { onNoEnv: { message: 'x' } },
    { notices: 'yes' },
    { condaBase: true },
    { venv: { path: '~/v' } },
    { venv: { path: 'env', create: false, python: null } },
    { venv: { python: 3 } },
    { lock: ['onNoEnv', 'venv', '*', 'disable'] },
    { lock: ['onNoEnvv'] },
    { lock: 'onNoEnv' },
    { presets: 'venv-only' },
    { presets: ['venv-only', 'no-sudo'] },
    { rules: [{ when: { env: 'system', python: '>=3.12' }, action: 'refuse' }] },
    { rules: [{ when: { env: 'sytem' }, action: 'refuse' }] },
    { rules: [{ when: { python: '3.x' }, action: 'refuse' }] },
    { rules: [{ when: { root: 1 }, action: 'pass' }] },
    { rules: [{ when: { nope: true }, action: 'pass' }] },
    { rules: [{ action: 'refuze' }] },
    { rules: [{ when: { subcommand: ['install'], packages: [] }, action: 'venv' }] },
    { rules: [{ when: { cwd: '/srv/**' }, action: 'user', message: 'm' }] },
  ];
  it.skipIf(noJsonschema)('agrees with validate() on every sample', () => {
    const script = `
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
v = jsonschema.Draft202012Validator(schema)
print(json.dumps([v.is_valid(s) for s in json.load(sys.stdin)]))`;
    const r = spawnSync(DEBIAN_PYTHON, ['-c', script, SHIPPED], {
      input: JSON.stringify(samples),
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const bySchema = JSON.parse(r.stdout) as boolean[];
    const byValidate = samples.map((s) => validate(s, 'f').errors.length === 0);
    expect(bySchema.map((ok, i) => [samples[i], ok])).toEqual(
      byValidate.map((ok, i) => [samples[i], ok]),
    );
  });
});
