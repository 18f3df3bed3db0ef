import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipwarden } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { tempDir } from '../helpers/tmp.js';

// A project config comes with any cloned repo. Code in it runs, and programs
// it names are used, only once the user trusted that exact content.
function repo() {
  const root = tempDir('pipwarden-trust-');
  const home = join(root, 'home');
  const project = join(home, 'clone');
  mkdirSync(project, { recursive: true });
  const env = hermeticEnv(home, { PIPWARDEN_ORG_CONFIG_DIR: join(root, 'org') });
  const config = (args: string[] = []) =>
    pipwarden(['config', '--json', ...args], { env, cwd: project });
  return { root, home, project, env, config };
}

describe('pipwarden trust', () => {
  it('a malicious .pipwardenrc.js runs only once trusted; an edit revokes trust', () => {
    const r = repo();
    const marker = join(r.root, 'pwned');
    const rc = join(r.project, '.pipwardenrc.js');
    const body = (flag: boolean) =>
      `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x');\nmodule.exports = { condaBase: ${flag} };\n`;
    writeFileSync(rc, body(true));

    let out = r.config();
    expect(out.status, out.stderr).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(JSON.parse(out.stdout).config.condaBase).toBe(false);
    expect(out.stderr).toContain(
      '~/clone/.pipwardenrc.js: not trusted, so not run; if you wrote it or checked it, run: pipwarden trust ~/clone/.pipwardenrc.js',
    );

    const t = pipwarden(['trust'], { env: r.env, cwd: r.project });
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/^trusted: ~\/clone\/\.pipwardenrc\.js \(sha256 [0-9a-f]{12}…\)/);
    out = r.config();
    expect(out.status, out.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
    expect(JSON.parse(out.stdout).config.condaBase).toBe(true);
    expect(JSON.parse(out.stdout).sources.condaBase.file).toBe(rc);

    // Edited after trust: not run again.
    writeFileSync(rc, body(false).replace('x', 'y'));
    chmodSync(marker, 0o644);
    writeFileSync(marker, 'untouched');
    out = r.config();
    expect(out.stderr).toContain('not trusted, so not run');
    expect(JSON.parse(out.stdout).config.condaBase).toBe(false);
    expect(readFileSync(marker, 'utf8')).toBe('untouched');
  });

  it('an untrusted pyproject.toml cannot name a program or write outside the project', () => {
    const r = repo();
    const tool = join(r.project, 'tools', 'py');
    const marker = join(r.root, 'ran-tools-py');
    mkdirSync(join(r.project, 'tools'));
    writeFileSync(tool, `#!/bin/sh\ntouch ${marker}\nexec python3 "$@"\n`, { mode: 0o755 });
    const py = join(r.project, 'pyproject.toml');
    writeFileSync(
      py,
      '[tool.pipwarden]\nonNoEnv = "venv"\n[tool.pipwarden.venv]\npython = "./tools/py"\npath = "../../outside"\n',
    );
    const explain = () =>
      pipwarden(['explain', '--json', '--', '/usr/bin/python3', '-m', 'pip', 'install', 'x'], {
        env: r.env,
        cwd: r.project,
      });
    let e = explain();
    expect(e.status, e.stderr).toBe(0);
    let plan = JSON.parse(e.stdout);
    expect(plan.before.flat()).not.toContain('./tools/py');
    expect(plan.before[0][0]).toBe('/usr/bin/python3');
    expect(plan.command[0]).toBe(join(r.project, '.venv', 'bin', 'python'));
    expect(e.stderr).toContain(
      '~/clone/pyproject.toml: venv.python: names a program to run ("./tools/py"), ignored because the file is not trusted; if you checked it, run: pipwarden trust ~/clone/pyproject.toml',
    );
    expect(e.stderr).toContain('venv.path: points outside the project ("../../outside")');

    expect(pipwarden(['trust', 'pyproject.toml'], { env: r.env, cwd: r.project }).status).toBe(0);
    e = explain();
    plan = JSON.parse(e.stdout);
    expect(plan.before[0][0]).toBe('./tools/py');
    expect(e.stderr).not.toContain('not trusted');
    expect(existsSync(marker)).toBe(false);

    writeFileSync(py, `${readFileSync(py, 'utf8')}# edited\n`);
    e = explain();
    expect(JSON.parse(e.stdout).before[0][0]).toBe('/usr/bin/python3');
    expect(e.stderr).toContain('venv.python: names a program to run');
  });

  // Issue 16, defect 11, and docs/security.md "What pipwarden trust covers":
  // trust is one file's path and bytes. A file it requires is not covered,
  // so editing that file does not revoke trust. This pins the documented
  // scope: if trust ever grows to cover required files, change the docs too.
  it('trust covers the file, not what it requires', () => {
    const r = repo();
    const marker = join(r.root, 'helper-ran');
    const rc = join(r.project, '.pipwardenrc.cjs');
    const helper = join(r.project, 'helper.cjs');
    writeFileSync(helper, 'module.exports = { condaBase: true };\n');
    writeFileSync(rc, "module.exports = require('./helper.cjs');\n");
    expect(pipwarden(['trust', rc], { env: r.env, cwd: r.project }).status).toBe(0);
    expect(JSON.parse(r.config().stdout).config.condaBase).toBe(true);

    writeFileSync(
      helper,
      `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x');\nmodule.exports = { condaBase: false };\n`,
    );
    const out = r.config();
    expect(out.stderr).not.toContain('not trusted');
    expect(JSON.parse(out.stdout).config.condaBase).toBe(false);
    expect(existsSync(marker)).toBe(true);

    writeFileSync(rc, "module.exports = require('./helper.cjs'); // edited\n");
    expect(r.config().stderr).toContain('not trusted, so not run');
  });

  it('an untrusted project cannot loosen PEP 668 or touch the audit trail', () => {
    const r = repo();
    const py = join(r.project, 'pyproject.toml');
    writeFileSync(
      py,
      '[tool.pipwarden]\nallowBreakSystemPackages = true\n[tool.pipwarden.audit]\nlog = false\nfile = "/tmp/pipwarden-planted.log"\n',
    );
    let out = r.config();
    expect(out.status, out.stderr).toBe(0);
    let config = JSON.parse(out.stdout).config;
    expect(config.allowBreakSystemPackages).toBe(false);
    expect(config.audit.log).toBe(true);
    expect(config.audit.file).toBeNull();
    expect(out.stderr).toContain(
      '~/clone/pyproject.toml: allowBreakSystemPackages: would install where pip alone refuses (PEP 668), ignored because the file is not trusted',
    );
    expect(out.stderr).toContain('~/clone/pyproject.toml: audit: ');

    expect(pipwarden(['trust', 'pyproject.toml'], { env: r.env, cwd: r.project }).status).toBe(0);
    out = r.config();
    config = JSON.parse(out.stdout).config;
    expect(config.allowBreakSystemPackages).toBe(true);
    expect(config.audit.file).toBe('/tmp/pipwarden-planted.log');
  });
});
