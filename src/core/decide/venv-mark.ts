/**
 * The Python that marks a venv pipwarden makes, run by the interpreter that
 * makes it (the one pip would have used), in two steps around
 * `python -m venv`:
 *   - `pending`, before: the time pipwarden set out to make it, so a venv
 *     that `python -m venv` left half made (Debian's python3 without
 *     python3-venv stops in ensurepip, after pyvenv.cfg) still counts as
 *     pipwarden's when its pyvenv.cfg is no older than that and at most a
 *     few minutes younger;
 *   - `made`, after: the device, inode and ctime of its pyvenv.cfg.
 * Each writes beside the mark and renames it over (whole or absent), never
 * follows a link, and never fails the call: a venv left unmarked is refused
 * later, with the next step (src/io/interpreter/venv-vouch.ts).
 */
export const MARK_VENV_SCRIPT = [
  'import os, sys, time',
  'try:',
  '    mode, venv, mark = sys.argv[1:4]',
  "    if mode == 'made':",
  "        st = os.lstat(os.path.join(venv, 'pyvenv.cfg'))",
  "        text = '%d:%d:%d\\n' % (st.st_dev, st.st_ino, st.st_ctime_ns)",
  '    else:',
  "        text = 'pending:%d\\n' % int(time.time() * 1e9)",
  '    d = os.path.dirname(mark)',
  '    if not os.path.isdir(d): os.makedirs(d, 0o700)',
  "    t = '%s.%d' % (mark, os.getpid())",
  "    fd = os.open(t, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, 'O_NOFOLLOW', 0), 0o600)",
  '    os.write(fd, text.encode())',
  '    os.close(fd)',
  '    os.rename(t, mark)',
  'except Exception:',
  '    pass',
].join('\n');
