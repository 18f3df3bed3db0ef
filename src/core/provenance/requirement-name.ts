/** PEP 503: lower case, and each run of `-`, `_` and `.` becomes one `-`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The project a requirement names, and the one version it pins (null: any). */
export interface NamedRequirement {
  name: string;
  version: string | null;
}

const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
// `name[extras] @ url` (PEP 508 direct reference): the name is given.
const DIRECT = new RegExp(`^\\s*(${NAME})\\s*(?:\\[[^\\]]*\\])?\\s*@`);
// `name[extras] <specifier> ; marker`
const SPECIFIER = new RegExp(`^\\s*(${NAME})\\s*(?:\\[[^\\]]*\\])?\\s*([^;]*)`);
// Only a single `==X` (no wildcard) pins one version.
const PIN = /^==\s*([A-Za-z0-9.+!_-]+)\s*$/;
// A VCS or archive URL's `#egg=name` (pip's legacy way to name a URL).
const EGG = new RegExp(`[#&]egg=(${NAME})`);
// PEP 427: {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl
const WHEEL = /^([^-]+)-([^-]+)(?:-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/i;
// An sdist: {name}-{version}.tar.gz and kin; the version starts with a digit.
const SDIST = /^(.+?)-(\d[^-]*)\.(?:tar\.gz|tar\.bz2|tar\.xz|tgz|tar|zip)$/i;

/**
 * What project an install argument names, as far as the text alone tells:
 * `pwdemo`, `PwDemo[x]==0.1; python_version>"3"`, `pwdemo @ file:///…`,
 * `./dist/pwdemo-0.1-py3-none-any.whl`, `…/pwdemo-0.1.tar.gz`,
 * `git+https://…#egg=pwdemo`. A directory (`.`) or a requirements file names
 * nothing we can know without reading it: null.
 */
export function requirementName(arg: string): NamedRequirement | null {
  const direct = DIRECT.exec(arg);
  if (direct?.[1]) return { name: direct[1], version: null };
  const egg = EGG.exec(arg);
  if (egg?.[1]) return { name: egg[1], version: null };
  if (arg.includes('/') || arg.includes('\\') || /\.(whl|zip|tar|tgz|gz|bz2|xz)$/i.test(arg)) {
    return fromFilename(arg);
  }
  const spec = SPECIFIER.exec(arg);
  if (!spec?.[1]) return null;
  const rest = (spec[2] ?? '').trim();
  const pin = PIN.exec(rest);
  // Anything after the name must be a specifier; `pwdemo!` is not a requirement.
  if (rest !== '' && !/^(===|==|!=|~=|<=|>=|<|>|\()/.test(rest)) return null;
  return { name: spec[1], version: pin?.[1] ?? null };
}

function fromFilename(arg: string): NamedRequirement | null {
  const path = arg.replace(/[?#].*$/, '');
  const file = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const m = WHEEL.exec(file) ?? SDIST.exec(file);
  if (!m?.[1] || !m[2]) return null;
  return { name: m[1], version: m[2] };
}
