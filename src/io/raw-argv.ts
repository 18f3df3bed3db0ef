import { readFileSync } from 'node:fs';

/**
 * The raw bytes of the last `decoded.length` arguments of this process, or
 * null where they cannot be read (no /proc, as on macOS). Node decodes argv
 * as UTF-8 and turns invalid bytes into U+FFFD, so `process.argv` alone
 * cannot say what was typed; /proc/self/cmdline can (proc(5)). Each raw
 * entry is checked against its decoded form, so a mismatch in the
 * bookkeeping reads as "unknown", never as other bytes.
 */
export function rawArgvTail(decoded: readonly string[]): Uint8Array[] | null {
  let cmdline: Buffer;
  try {
    cmdline = readFileSync('/proc/self/cmdline');
  } catch {
    return null;
  }
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < cmdline.length; i++) {
    if (cmdline[i] === 0) {
      parts.push(cmdline.subarray(start, i));
      start = i + 1;
    }
  }
  if (parts.length < decoded.length) return null;
  const tail = parts.slice(parts.length - decoded.length);
  return tail.every((b, i) => b.toString('utf8') === decoded[i]) ? tail : null;
}
