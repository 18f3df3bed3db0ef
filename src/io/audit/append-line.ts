import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmdirSync,
  type Stats,
  statSync,
  writeSync,
} from 'node:fs';

export interface AppendOptions {
  /** Rotate to `<path>.1` once the file is this big; null never rotates (a shared file: logrotate's job). */
  maxBytes: number | null;
  /** Create the file (mode 0600) when missing; a shared file must already exist. */
  create: boolean;
  /** The file must be this user's own (the user's log): a file someone else owns is not written. */
  own?: boolean;
}

/** A rotation lock older than this was left by a killed process. */
const STALE_LOCK_MS = 30_000;

/**
 * Appends one line in ONE write(2) on an O_APPEND descriptor. The kernel
 * moves to the end of the file and writes under the inode's lock, so lines
 * of concurrent writers never interleave or overwrite each other (local
 * filesystems; NFS does not honour O_APPEND across clients).
 */
export function appendLine(path: string, line: string, opts: AppendOptions): void {
  // O_NOFOLLOW: a symlink planted at the log (root under `sudo -E`, or a
  // shared dir) must not make pipwarden append to, or create, another file.
  // O_NONBLOCK: a FIFO there must not hang the call; it is then refused below.
  // Read too for the user's own log: endsTorn looks at its last byte.
  const flags =
    (opts.own ? constants.O_RDWR : constants.O_WRONLY) |
    constants.O_APPEND |
    constants.O_NOFOLLOW |
    constants.O_NONBLOCK |
    (opts.create ? constants.O_CREAT : 0);
  // A second try only when our file was rotated away and deleted between
  // our open and our write: the line went with it, so it is written again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const fd = openSync(path, flags, 0o600);
    try {
      const before = fstatSync(fd);
      if (!before.isFile())
        throw Object.assign(new Error('not a regular file'), { code: 'EFTYPE' });
      if (opts.own && before.uid !== process.geteuid?.()) {
        throw Object.assign(new Error("not this user's file"), { code: 'ENOTOWN' });
      }
      // A line torn by an earlier full disk: end it, so this record is not glued to it.
      const data = Buffer.from(endsTorn(fd, before.size) ? `\n${line}` : line, 'utf8');
      const written = writeSync(fd, data);
      if (written !== data.length) {
        throw new Error(`short write (${written} of ${data.length} bytes)`);
      }
      const st = fstatSync(fd);
      if (st.nlink === 0) continue;
      if (opts.maxBytes !== null && st.size >= opts.maxBytes) rotate(path, st);
      return;
    } finally {
      closeSync(fd);
    }
  }
}

function endsTorn(fd: number, size: number): boolean {
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  try {
    return readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
  } catch {
    // Opened write-only (the shared file may be): cannot tell, so add nothing.
    return false;
  }
}

/**
 * Renames the full log to `<path>.1` (replacing the older one). Racing
 * rotators serialise on a lock dir (mkdir is atomic), and only one whose
 * file is still the one at `path` renames: without that check a second
 * rotator would move the fresh log over `.1` and lose the lines in it.
 */
function rotate(path: string, ours: Stats): void {
  const lock = `${path}.rotating`;
  try {
    mkdirSync(lock, 0o700);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Someone else is rotating; a lock left by a killed process is cleared
    // here and the next writer rotates.
    const held = statSync(lock, { throwIfNoEntry: false });
    if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmdirSync(lock);
    return;
  }
  try {
    const now = statSync(path, { throwIfNoEntry: false });
    if (now && now.ino === ours.ino && now.dev === ours.dev) renameSync(path, `${path}.1`);
  } finally {
    rmdirSync(lock);
  }
}
