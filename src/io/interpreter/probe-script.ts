/** Marks the probe's JSON line, so a chatty sitecustomize cannot confuse the parse. */
export const PROBE_MARKER = '__PIPWARDEN_PROBE__';

/**
 * Runs under the interpreter itself (Python 2.7 and 3.6+), with `-E -B`, and
 * prints one JSON line. Paths mirror pip's `get_scheme("")` for a plain
 * `pip install` (pip/_internal/locations/__init__.py): sysconfig with the
 * preferred "prefix" scheme where pip uses sysconfig (Python ≥ 3.10, unless
 * the distro sets `sysconfig._PIP_USE_SYSCONFIG`), else distutils' install
 * command, which is where Debian's older Pythons put /usr/local and
 * dist-packages. distutils config files (setup.cfg in cwd,
 * ~/.pydistutils.cfg) are ignored: they depend on cwd, and pip ≥ 21.3 warns
 * they are deprecated.
 */
export const PROBE_SCRIPT = String.raw`
import json, os, sys, sysconfig

def scheme():
    if getattr(sysconfig, '_PIP_USE_SYSCONFIG', sys.version_info >= (3, 10)):
        preferred = getattr(sysconfig, 'get_preferred_scheme', None)
        if preferred:
            p = sysconfig.get_paths(scheme=preferred('prefix'))
        else:
            p = sysconfig.get_paths()
        return p['purelib'], p['platlib'], p['scripts'], 'sysconfig'
    try:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            from distutils.dist import Distribution
            d = Distribution({'name': ''})
            i = d.get_command_obj('install', create=True)
            i.finalize_options()
            return i.install_purelib, i.install_platlib, i.install_scripts, 'distutils'
    except Exception:
        p = sysconfig.get_paths()
        return p['purelib'], p['platlib'], p['scripts'], 'sysconfig'

def user_site_rel():
    try:
        import site
        base = site.getuserbase().rstrip('/')
        sp = site.getusersitepackages()
    except Exception:
        return None
    if base and sp and sp.startswith(base + '/'):
        return sp[len(base) + 1:]
    return None

def enable_user_site():
    try:
        import site
        v = site.ENABLE_USER_SITE
    except Exception:
        return None
    return None if v is None else bool(v)

def pip_info():
    try:
        import pip
    except Exception:
        return None, None
    f = getattr(pip, '__file__', None)
    if f and f[-4:] in ('.pyc', '.pyo'):
        f = f[:-1]
    return getattr(pip, '__version__', None), (os.path.abspath(f) if f else None)

def pip_requires_python(init, version):
    # pip's Requires-Python, from the dist-info beside the package: what
    # 'pip --python' needs of the interpreter it re-executes under.
    if not init or not version:
        return None
    meta = os.path.join(os.path.dirname(os.path.dirname(init)), 'pip-%s.dist-info' % version, 'METADATA')
    try:
        with open(meta) as f:
            for line in f:
                if not line.strip():
                    break
                if line.lower().startswith('requires-python:'):
                    return line.split(':', 1)[1].strip()
    except Exception:
        pass
    return None

def implementation():
    impl = getattr(sys, 'implementation', None)
    if impl is not None:
        return impl.name
    import platform
    return platform.python_implementation().lower()

if hasattr(sys, 'real_prefix'):
    base_prefix = sys.real_prefix
else:
    base_prefix = getattr(sys, 'base_prefix', sys.prefix)
purelib, platlib, scripts, source = scheme()
pip_version, pip_init = pip_info()
out = {
    'version': list(sys.version_info[:3]),
    'executable': sys.executable,
    'prefix': sys.prefix,
    'basePrefix': base_prefix,
    'purelib': purelib,
    'platlib': platlib,
    'scripts': scripts,
    'schemeSource': source,
    'stdlib': sysconfig.get_path('stdlib'),
    'enableUserSite': enable_user_site(),
    'userSiteRel': user_site_rel(),
    'pipVersion': pip_version,
    'pipInit': pip_init,
    'pipRequiresPython': pip_requires_python(pip_init, pip_version),
    'implementation': implementation(),
}
sys.stdout.write('\n' + '${PROBE_MARKER}' + json.dumps(out) + '\n')
`;
