import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pipwarden } from '../helpers/cli.js';
import { hermeticEnv } from '../helpers/env.js';
import { needs } from '../helpers/prereq.js';
import { DEBIAN_PYTHON, pyenvPython } from '../helpers/pythons.js';
import { installedIn, makeVenv } from '../helpers/venv.js';
import { buildWheel } from '../helpers/wheel.js';
import { makeWholeEnv } from '../helpers/whole-env.js';

// A notebook's `!pip install x` runs the pip on the server's PATH, which is
// not the kernel's interpreter when the kernel was registered from a venv
// (ipython/ipython#11524, jupyter/notebook#2563). A real kernel: Debian's
// ipykernel in a venv made --system-site-packages from /usr/bin/python3,
// started by jupyter_client from a "server" whose PATH gives another
// interpreter's pip (a copy of pyenv 3.12), with HOME and every JUPYTER_* dir
// in a temp dir. Where did the package land, pip alone against pipwarden?

const py312 = pyenvPython('3.12');
const hasJupyter =
  spawnSync(DEBIAN_PYTHON, ['-c', 'import jupyter_client, ipykernel, ensurepip']).status === 0;
const missing =
  needs('python3-ipykernel, python3-jupyter-client and python3-venv', hasJupyter) ||
  needs('pyenv Python 3.12', py312);

/** Start the kernel, run each cell, print each cell's stream output as one JSON list. */
const DRIVER = `
import json, sys
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name='kvenv', startup_timeout=240)
outs = []
try:
    for code in json.loads(sys.argv[1]):
        got = []
        def hook(msg):
            if msg['msg_type'] == 'stream':
                got.append(msg['content']['text'])
            elif msg['msg_type'] == 'error':
                got.append('\\n'.join(msg['content']['traceback']))
        kc.execute_interactive(code, output_hook=hook, timeout=300)
        outs.append(''.join(got))
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
print(json.dumps(outs))
`;

let root = '';
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.skipIf(missing)(
  "a Jupyter kernel from a venv, and the server's PATH pip of another Python",
  { timeout: 900_000 },
  () => {
    it("!pip install lands in the server's Python with pip alone, in the kernel's venv with pipwarden", () => {
      root = mkdtempSync(join(tmpdir(), 'pipwarden-jupyter-'));
      const home = join(root, 'home');
      const shims = join(root, 'shims');
      const wheels = join(root, 'wheels');
      mkdirSync(wheels, { recursive: true });
      for (const p of ['pwalone', 'pwkernel']) buildWheel(wheels, p, '0.1');
      // The server's Python: its pip is the one `!pip` finds on PATH.
      const server = makeWholeEnv(py312 as string, join(root, 'server'), {
        kind: 'plain',
        pip: true,
      });
      // The kernel: a venv that sees Debian's ipykernel through --system-site-packages.
      const kvenv = makeVenv(DEBIAN_PYTHON, join(root, 'kvenv'), { systemSitePackages: true });
      const data = join(root, 'jupyter-data');
      mkdirSync(join(data, 'kernels', 'kvenv'), { recursive: true });
      writeFileSync(
        join(data, 'kernels', 'kvenv', 'kernel.json'),
        JSON.stringify({
          argv: [
            join(kvenv, 'bin', 'python'),
            '-m',
            'ipykernel_launcher',
            '-f',
            '{connection_file}',
          ],
          display_name: 'kvenv',
          language: 'python',
        }),
      );
      const base = [join(server.prefix, 'bin'), '/usr/bin', '/bin'];
      const env = hermeticEnv(home, {
        PATH: [shims, ...base].join(':'),
        PIPWARDEN_SHIM_DIR: shims,
        PIPWARDEN_CACHE_DIR: join(home, '.cache', 'pipwarden'),
        PIPWARDEN_ORG_CONFIG_DIR: join(root, 'etc-pipwarden'),
        JUPYTER_CONFIG_DIR: join(root, 'jupyter-config'),
        JUPYTER_DATA_DIR: data,
        JUPYTER_RUNTIME_DIR: join(root, 'jupyter-runtime'),
        JUPYTER_PATH: data,
        IPYTHONDIR: join(root, 'ipython'),
        JUPYTER_PLATFORM_DIRS: '1',
        // The kernel runs `!` on a pty, where pipwarden would colour its lines.
        NO_COLOR: '1',
      });
      const rehash = pipwarden(['rehash'], { env: { ...env, PATH: base.join(':') } });
      expect(rehash.status, rehash.stderr).toBe(0);

      const install = `pip install --no-index --find-links ${wheels}`;
      const cells = [
        // pip alone: the same call with the shim dir off PATH.
        `!PATH=${base.join(':')} ${install} pwalone`,
        `!${install} pwkernel`,
        'import pwkernel; print("imported", pwkernel.__file__)',
      ];
      const r = spawnSync(DEBIAN_PYTHON, ['-c', DRIVER, JSON.stringify(cells)], {
        env,
        cwd: root,
        encoding: 'utf8',
        timeout: 600_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const [alone, ours, imported] = JSON.parse(
        r.stdout.trim().split('\n').pop() as string,
      ) as string[];

      expect(alone).toMatch(/Successfully installed pwalone-0\.1/);
      expect(installedIn(server.prefix, 'pwalone')).toBe(true);
      expect(installedIn(kvenv, 'pwalone')).toBe(false);

      expect(ours).toMatch(/Successfully installed pwkernel-0\.1/);
      expect(ours).toContain(
        `pipwarden: pip is Python 3.12 (${server.python})'s, but this Jupyter kernel is Python 3.11 (${join(kvenv, 'bin', 'python')}): installing for the kernel into ${kvenv} (${join(kvenv, 'bin', 'python')} -m pip); %pip install always installs into the kernel`,
      );
      expect(installedIn(kvenv, 'pwkernel')).toBe(true);
      expect(installedIn(server.prefix, 'pwkernel')).toBe(false);
      expect(imported).toContain(`imported ${kvenv}/lib/python3.11/site-packages/pwkernel`);
    });
  },
);
