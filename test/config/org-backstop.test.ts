import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { merge } from '../../src/core/config/merge.js';
import { orgWants } from '../../src/core/org/org-wants.js';
import { loadConfig } from '../../src/io/config/load-config.js';
import { giveToNobody, openForNobody, pipwarden } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { tempDir } from '../helpers/tmp.js';

// `backstop:` names the interpreters org apply governs: only the org layer
// may set it, or a user could take their own interpreter out of it.
function sandbox() {
  const root = tempDir('pipwarden-backstop-');
  const home = join(root, 'home');
  const org = join(root, 'etc-pipwarden');
  const user = join(home, '.config', 'pipwarden');
  const project = join(home, 'proj');
  for (const d of [org, user, project]) mkdirSync(d, { recursive: true });
  const load = () =>
    loadConfig({
      cwd: project,
      home,
      env: { HOME: home, PIPWARDEN_ORG_CONFIG_DIR: org },
      platform: 'linux',
    });
  return { org, user, project, load };
}

describe('backstop: org layer only', () => {
  it('an org backstop and onNoEnv: refuse become the marker and the governed dirs', async () => {
    const { org, user, project, load } = sandbox();
    writeFileSync(
      join(org, 'config.yaml'),
      'presets: [venv-only, index-only]\nbackstop: { dirs: [/opt/py/bin], roots: [/opt/pyenv/versions] }\n',
    );
    writeFileSync(join(user, 'config.yaml'), 'backstop: { dirs: [], marker: false }\n');
    writeFileSync(join(project, '.pipwardenrc.yaml'), 'backstop: { roots: [] }\n');
    const loaded = await load();
    expect(loaded.errors).toEqual([]);
    expect(loaded.warnings).toEqual([
      '~/.config/pipwarden/config.yaml: backstop: only the org config says which interpreters pipwarden org apply governs, ignored',
      '~/proj/.pipwardenrc.yaml: backstop: only the org config says which interpreters pipwarden org apply governs, ignored',
    ]);
    const wants = orgWants(merge(loaded.resolved.layers.filter((l) => l.level === 'org')));
    expect(wants.backstop).toEqual({
      marker: true,
      dirs: ['/opt/py/bin'],
      roots: ['/opt/pyenv/versions'],
    });
    expect(wants.marker).toEqual({
      message: "This machine's policy: install into a venv, conda or pixi env",
    });
    expect(wants.pipSettings).toEqual({ 'index-url': 'https://pypi.org/simple' });
  });

  it('bad values are errors naming the file and key', async () => {
    const { org, user, project, load } = sandbox();
    writeFileSync(
      join(org, 'config.yaml'),
      'backstop: { dirs: [relative/bin], roots: /x, mark: true }\n',
    );
    writeFileSync(join(user, 'config.yaml'), '');
    writeFileSync(join(project, '.pipwardenrc.yaml'), '');
    const loaded = await load();
    expect(loaded.orgErrors).toEqual([
      `${org}/config.yaml: backstop.dirs: expected an absolute path, got "relative/bin"`,
      `${org}/config.yaml: backstop.roots: expected a list of absolute paths, got "/x"`,
    ]);
    expect(loaded.warnings).toContain(
      `${org}/config.yaml: backstop.mark: unknown key, ignored (known keys: marker, dirs, roots)`,
    );
  });

  it('no marker without onNoEnv: refuse, or with marker: false', async () => {
    const { org, load } = sandbox();
    writeFileSync(join(org, 'config.yaml'), 'presets: [no-sudo-pip]\n');
    let loaded = await load();
    expect(
      orgWants(merge(loaded.resolved.layers.filter((l) => l.level === 'org'))).marker,
    ).toBeNull();
    writeFileSync(join(org, 'config.yaml'), 'presets: [venv-only]\nbackstop: { marker: false }\n');
    loaded = await load();
    expect(
      orgWants(merge(loaded.resolved.layers.filter((l) => l.level === 'org'))).marker,
    ).toBeNull();
  });
});

// The allowance for automation is a rule the org writes, never a switch a
// user holds: root with PIP_BREAK_SYSTEM_PACKAGES=1 (what Ansible's pip
// module sets for break_system_packages: true, ansible/ansible#82097).
describe.skipIf(process.getuid?.() !== 0 || !existsSync('/usr/bin/pip'))(
  'the automation allowance (a rule in the org config)',
  () => {
    it('root with PIP_BREAK_SYSTEM_PACKAGES=1 passes; nobody with the same is refused', () => {
      const root = tempDir('pipwarden-allowance-');
      const org = join(root, 'org');
      mkdirSync(org);
      writeFileSync(
        join(org, 'config.yaml'),
        'presets: [venv-only]\nrules:\n  - name: automation\n    when: { root: true, breakSystemPackages: true, env: [system] }\n    action: pass\nlock: [rules]\n',
      );
      openForNobody(root, org);
      const home = (who: string) => join(root, who);
      const env = (who: string, extra: Record<string, string> = {}) =>
        hermeticEnv(home(who), { PIPWARDEN_ORG_CONFIG_DIR: org, ...extra });
      const argv = ['explain', '--', '/usr/bin/pip', 'install', 'x'];
      const asRoot = pipwarden(argv, { env: env('r', { PIP_BREAK_SYSTEM_PACKAGES: '1' }) });
      expect(asRoot.stdout).toMatch(/^action: {2}pass$/m);
      expect(asRoot.stdout).toContain('rule "automation"');
      // Without the variable root is refused like everyone else.
      expect(pipwarden(argv, { env: env('r2') }).stdout).toMatch(/^action: {2}refuse$/m);
      mkdirSync(home('n'));
      giveToNobody(home('n'));
      const asNobody = pipwarden(argv, {
        env: env('n', { PIP_BREAK_SYSTEM_PACKAGES: '1' }),
        asNobody: true,
      });
      expect(asNobody.stdout).toMatch(/^action: {2}refuse$/m);
    });
  },
);
