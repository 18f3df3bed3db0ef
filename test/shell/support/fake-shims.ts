import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderShim, SHIM_DIR_MARKER } from '../../../src/core/render/shim.js';
import { tempDir } from '../../helpers/tmp.js';

/**
 * Stand-ins that print what they were given, so a shim's PATH walk and
 * routing can be checked in milliseconds, without pip or Node. The fake
 * engine is a sh script the shim runs as `/bin/sh engine.sh shell-plan …`;
 * FAKE_ENGINE_MODE picks its answer, FAKE_ENGINE_LOG records its argv.
 */
const REAL = `#!/bin/sh
printf 'REAL %s\\n' "$0"
for a in "$@"; do printf '<%s>\\n' "$a"; done
exit "\${REAL_STATUS:-0}"
`;

const ENGINE = `#!/bin/sh
if [ -n "\${FAKE_ENGINE_LOG-}" ]; then
  printf '%s\\n' "$@" "marker=\${_PIPWARDEN_SHIM-}" > "$FAKE_ENGINE_LOG"
fi
case \${FAKE_ENGINE_MODE:-exec} in
  exec) echo 'echo ENGINE >&2; _pw_exec "$_pw_real" "$@"' ;;
  rewrite) echo 'echo "pipwarden: rewritten" >&2; FAKE_PLAN=1; export FAKE_PLAN; _pw_exec "$_pw_real" "$@" --rewritten' ;;
  refuse) echo 'pipwarden: refused: fake' >&2; echo 'exit 77' ;;
  fail) echo 'pipwarden: error: fake config error' >&2; exit 78 ;;
  empty) ;;
esac
`;

export interface FakeWorld {
  root: string;
  shims: string;
  /** Holds REAL stand-ins for every name. */
  real: string;
  engine: string;
  /** Write (or rewrite) shims into `dir` baked with `opts`. */
  writeShims: (dir: string, opts?: { node?: string; main?: string }) => void;
  /** Run `file` under `sh` (default dash's /bin/sh) with a minimal env. */
  run: (
    file: string,
    args: string[],
    opts?: { sh?: string; env?: Record<string, string>; cwd?: string },
  ) => { status: number | null; stdout: string; stderr: string };
}

export const NAMES = ['pip', 'pip3', 'pip3.12', 'python', 'python3', 'python3.10', 'python3.12'];

/** In a test: `fakeWorld()`; shared by a file: pass a root made in beforeAll. */
export function fakeWorld(root = tempDir('pipwarden-shim-')): FakeWorld {
  const shims = join(root, 'shims');
  const real = join(root, 'real');
  const engine = join(root, 'engine.sh');
  mkdirSync(real);
  for (const name of NAMES) writeExecutable(join(real, name), REAL);
  writeExecutable(engine, ENGINE);
  const writeShims = (dir: string, opts: { node?: string; main?: string } = {}) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, SHIM_DIR_MARKER), '');
    for (const name of NAMES) {
      const kind = name.startsWith('pip') ? 'pip' : 'python';
      const text = renderShim({
        kind,
        name,
        shimDir: dir,
        node: opts.node ?? '/bin/sh',
        main: opts.main ?? engine,
        version: '0.0.0-test',
      });
      writeExecutable(join(dir, name), text);
    }
  };
  writeShims(shims);
  return {
    root,
    shims,
    real,
    engine,
    writeShims,
    run: (file, args, opts = {}) => {
      const r = spawnSync(opts.sh ?? '/bin/sh', [file, ...args], {
        env: { PATH: `${shims}:${real}:/usr/bin:/bin`, ...opts.env },
        cwd: opts.cwd ?? root,
        encoding: 'utf8',
      });
      if (r.error) throw r.error;
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    },
  };
}

export function writeExecutable(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}
