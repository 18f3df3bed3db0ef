import { parsePythonArgv, runsPipModule } from './argv/index.js';
import type { PythonFlags } from './argv/types.js';

/**
 * The user's command, classified before anything is rewritten (volta's
 * Intercepted | Standard split): either a pip call, or something we only
 * pass through.
 */
export type Call =
  | {
      kind: 'pip';
      tool: 'pip' | 'python';
      /** The name as typed (basename), e.g. `pip3.12` or `python3`. */
      name: string;
      /** Tokens between the executable and pip's own argv (`-I -m pip` for python). */
      prefix: string[];
      /** pip's argv. */
      pipArgs: string[];
      pythonFlags: PythonFlags;
    }
  | { kind: 'other'; tool: 'pip' | 'python'; name: string; args: string[] };

// The names of the README's promise: pip, pip3, pip3.X, python, python3,
// python3.X. Python 2's pip2/python2.7 are left alone, as rehash always did:
// toolOf below is the one answer for the engine and for rehash (tested in
// src/core/render/shim.test.ts).
const NAME = /^(pip|python)(3(\.\d+)?)?$/;

const NO_FLAGS: PythonFlags = { isolated: false, ignoreEnvironment: false, noUserSite: false };

/**
 * Which tool a name (or path) stands for, or null if pipwarden does not
 * handle it: the one answer for the engine, rehash (which names get a shim)
 * and doctor.
 */
export function toolOf(nameOrPath: string): 'pip' | 'python' | null {
  const m = NAME.exec(basename(nameOrPath));
  return m ? (m[1] as 'pip' | 'python') : null;
}

/**
 * A bare command name pipwarden shims (no `/`, so no path): what `rehash
 * --follow` accepts and the prompt hook looks for, the same pattern as toolOf.
 */
export function isShimName(name: string): boolean {
  return NAME.test(name);
}

export function classifyCall(nameOrPath: string, args: string[]): Call | null {
  const tool = toolOf(nameOrPath);
  if (tool === null) return null;
  const name = basename(nameOrPath);
  if (tool === 'pip') {
    return { kind: 'pip', tool, name, prefix: [], pipArgs: [...args], pythonFlags: NO_FLAGS };
  }
  const py = parsePythonArgv(args);
  // -S -m pip is a pip call too (pythonFlags.noSite): decide() passes it, or
  // refuses it under an org lock, since PYTHONPATH can still supply a pip.
  if (!runsPipModule(py)) return { kind: 'other', tool, name, args: [...args] };
  return {
    kind: 'pip',
    tool,
    name,
    prefix: args.slice(0, py.moduleIndex + 1),
    pipArgs: args.slice(py.moduleIndex + 1),
    pythonFlags: py.flags,
  };
}

function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i === -1 ? p : p.slice(i + 1);
}
