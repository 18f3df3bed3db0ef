import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainForNobody } from '../helpers/cli.js';
import { DEBIAN_PYTHON } from '../helpers/pythons.js';

// How a notebook's `!pip` finds its kernel (src/io/interpreter/jupyter-kernel.ts):
// the ancestor whose parent is JPY_PARENT_PID, through /proc. Here this test
// process is the "server", a python its "kernel", and a node grandchild asks.
// Real processes, real /proc; nobody for the uid boundary.

function ask(kernelArgv: string[], env: Record<string, string>): unknown {
  const dist = dirname(dirname(mainForNobody()));
  const code = `import(${JSON.stringify(join(dist, 'io', 'interpreter', 'jupyter-kernel.js'))}).then((m) => console.log(JSON.stringify(m.jupyterKernel(process.env, []))))`;
  // The "kernel" runs node as a child, as a kernel runs `!` through a shell.
  const script = 'import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:]).returncode)';
  const r = spawnSync(
    kernelArgv[0] as string,
    [
      ...kernelArgv.slice(1),
      '-c',
      script,
      ...(env.AS_NOBODY ? nobody() : []),
      process.execPath,
      '-e',
      code,
    ],
    { env: { PATH: '/usr/bin:/bin', ...env }, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const nobody = () => ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];

describe.skipIf(process.platform !== 'linux')(
  'the Jupyter kernel among the parent processes',
  () => {
    it('is the ancestor whose parent is JPY_PARENT_PID, named as its command named its python', () => {
      const found = ask([DEBIAN_PYTHON], { JPY_PARENT_PID: String(process.pid) }) as {
        python: string;
        argv0: string;
        pid: number;
      };
      expect(found.python).toBe(DEBIAN_PYTHON);
      expect(found.argv0).toBe(DEBIAN_PYTHON);
      expect(found.pid).toBeGreaterThan(1);
    });

    it('is none without JPY_PARENT_PID, or when that pid is not an ancestor', () => {
      expect(ask([DEBIAN_PYTHON], {})).toBeNull();
      expect(ask([DEBIAN_PYTHON], { JPY_PARENT_PID: '999999999' })).toBeNull();
    });

    it.skipIf(process.getuid?.() !== 0)(
      'stops at a process of another uid: root\'s "kernel" never names what nobody runs',
      () => {
        expect(
          ask([DEBIAN_PYTHON], { JPY_PARENT_PID: String(process.pid), AS_NOBODY: '1' }),
        ).toBeNull();
      },
    );
  },
);
