/**
 * The Python that marks a venv right after `python -m venv` made it, run by
 * that same interpreter (the one pip would have used): it writes the mark
 * beside, then renames it over, so a mark is whole or absent, and it never
 * fails the call (a venv left unmarked is refused later with the next step).
 */
export const MARK_VENV_SCRIPT = [
  'import os, sys',
  'try:',
  "    st = os.lstat(os.path.join(sys.argv[1], 'pyvenv.cfg'))",
  '    d = os.path.dirname(sys.argv[2])',
  '    if not os.path.isdir(d): os.makedirs(d, 0o700)',
  "    t = '%s.%d' % (sys.argv[2], os.getpid())",
  "    fd = os.open(t, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, 'O_NOFOLLOW', 0), 0o600)",
  "    os.write(fd, ('%d:%d:%d\\n' % (st.st_dev, st.st_ino, st.st_ctime_ns)).encode())",
  '    os.close(fd)',
  '    os.rename(t, sys.argv[2])',
  'except Exception:',
  '    pass',
].join('\n');
