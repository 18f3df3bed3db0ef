#!/bin/sh
# npm run package:deb: build pipwarden_<version>_all.deb with dpkg-deb, the
# system-wide layout of ./install.sh --system under /usr (Debian packages
# keep out of /usr/local):
#   /usr/lib/pipwarden/          the npm package as `npm pack` makes it, and
#                                its runtime dependencies (no dev ones)
#   /usr/bin/pipwarden           the command
#   /etc/pipwarden/config.yaml   the org policy (venv-only), a conffile
# The maintainer scripts (deploy/deb/) run install-system.sh --packaged:
# the shims, the static init files, the shell and sudo hooks.
#   sh scripts/package-deb.sh [OUTDIR]     (default: the repo root)
set -eu

say() { printf 'package-deb: %s\n' "$*"; }
die() {
  printf 'package-deb: error: %s\n' "$1" >&2
  [ $# -lt 2 ] || printf 'package-deb: next: %s\n' "$2" >&2
  exit 1
}

repo=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd -P)
out=${1:-$repo}
command -v dpkg-deb >/dev/null 2>&1 || die 'dpkg-deb is needed' 'apt-get install dpkg'
version=$(node -p 'require(process.argv[1]).version' "$repo/package.json")
deb=$out/pipwarden_${version}_all.deb

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
lib=$root/usr/lib/pipwarden

# What npm ships is what the .deb ships: npm pack runs prepack (the build).
say "npm pack (builds dist/)"
(cd "$repo" && npm pack --silent --pack-destination "$work" >/dev/null)
mkdir -p "$lib"
tar xzf "$work/pipwarden-$version.tgz" -C "$work"
cp -R "$work/package/." "$lib/"
# The runtime dependencies, from node_modules: the lockfile's entries that
# are neither dev nor devOptional, what `npm ci --omit=dev` would install.
# (npm ls --omit=dev also lists typescript, cosmiconfig's optional peer: 23 MB.)
node -e 'for (const [k, v] of Object.entries(require(process.argv[1]).packages)) if (k && !v.dev && !v.devOptional) console.log(k)' \
  "$repo/package-lock.json" | while read -r dep; do
  [ -d "$repo/$dep" ] || die "$repo/$dep is missing" "cd $repo && npm ci"
  mkdir -p "$(dirname -- "$lib/$dep")"
  cp -R "$repo/$dep" "$lib/$dep"
done
# Neither runs: the README and changelog go to /usr/share/doc below.
rm -f "$lib/README.md" "$lib/CHANGELOG.md"
find "$lib/node_modules" \( -name '*.md' -o -name '*.markdown' -o -name '.npmignore' -o -name '*.map' \
  -o -name '*.ts' -o -name 'LICENSE*' -o -name 'license' -o -name '.eslintrc*' -o -name '.editorconfig' \) \
  -type f -exec rm -f {} +

mkdir -p "$root/usr/bin"
ln -s ../lib/pipwarden/dist/cli/main.js "$root/usr/bin/pipwarden"

mkdir -p "$root/etc/pipwarden"
cat >"$root/etc/pipwarden/config.yaml" <<'EOF'
# pipwarden's org policy for every user of this machine. Edit it: an
# upgrade of the package keeps your edits (a conffile). Keys: /usr/share/doc/pipwarden/config.md.gz
presets: [venv-only]
EOF

doc=$root/usr/share/doc/pipwarden
mkdir -p "$doc"
for f in README.md docs/config.md docs/organisations.md docs/exit-codes.md; do
  gzip -9n <"$repo/$f" >"$doc/$(basename "$f").gz"
done
# A native package: the upstream changelog is the changelog, in Debian's format.
{
  printf 'pipwarden (%s) unstable; urgency=medium\n\n' "$version"
  printf '  * Release %s; see /usr/share/doc/pipwarden/README.md.gz.\n\n' "$version"
  printf ' -- pipwarden maintainers <pipwarden@users.noreply.github.com>  %s\n' \
    "$(LC_ALL=C date -u -R -d "@${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)}")"
} | gzip -9n >"$doc/changelog.gz"
cat >"$doc/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: pipwarden

Files: *
Copyright: 2025-2026 pipwarden contributors
License: MIT

Files: usr/lib/pipwarden/node_modules/*
Copyright: the authors of each package, as named in its package.json
License: MIT or ISC or BSD-2-Clause, as its package.json states

License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy
 of this software and associated documentation files (the "Software"), to deal
 in the Software without restriction, including without limitation the rights
 to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
 copies of the Software, and to permit persons to whom the Software is
 furnished to do so, subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in
 all copies or substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
 AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
 THE SOFTWARE.
EOF

# Modes as Debian wants them: root-owned, 644 files and 755 dirs and programs.
find "$root" -type d -exec chmod 755 {} +
find "$root" -type f -exec chmod 644 {} +
# Every script with a #! (the CLI, the bundle, install*.sh, the deps' bins).
find "$lib" -type f | while read -r f; do
  if [ "$(head -c 2 "$f")" = '#!' ]; then chmod 755 "$f"; fi
done

mkdir -p "$root/DEBIAN"
for f in postinst prerm postrm; do
  install -m 755 "$repo/deploy/deb/$f" "$root/DEBIAN/$f"
done
echo /etc/pipwarden/config.yaml >"$root/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<EOF
Package: pipwarden
Version: $version
Architecture: all
Maintainer: pipwarden maintainers <pipwarden@users.noreply.github.com>
Installed-Size: $size
Depends: nodejs (>= 20.5)
Recommends: python3-pip
Suggests: sudo, zsh, fish
Section: utils
Priority: optional
Description: make pip install land where you meant, for every user
 pipwarden stands in front of pip, pip3, pip3.X and python -m pip with tiny
 sh shims, decides what each install should really do (a venv, the user
 site, or a refusal under the org policy), and execs the real pip.
 .
 This package sets it up for every user of the machine, as the checkout's
 install.sh --system does: login and interactive shells (sh, bash, zsh,
 fish) and sudo route pip through pipwarden, under the org policy in
 /etc/pipwarden/config.yaml (venv-only unless edited).
EOF
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z |
  xargs -0 md5sum) >"$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/md5sums" "$root/DEBIAN/control" "$root/DEBIAN/conffiles"

mkdir -p "$out"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
say "built $deb ($(du -h "$deb" | cut -f1))"
