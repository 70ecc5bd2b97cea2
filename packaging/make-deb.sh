#!/usr/bin/env bash
# Builds the Debian package of a built ocirun: make-deb.sh BINARY OUTDIR. Prints the .deb's path.
# Everything but the binary is written by the binary itself (`ocirun docs`: man pages and completions, from its own
# command and flag tables) or copied from the source tree (docs), so the package always matches the binary.
set -euo pipefail
binary=$(realpath "$1")
outdir=$2
source_dir=$(cd "$(dirname "$0")/.." && pwd)

# Version: what the binary reports, plus the commit's date and id when built from git (so every commit's package
# sorts after its parent's for dpkg, as long as commit dates increase).
version=$("$binary" --version | sed -n 's/^ocirun version //p')
commit=$("$binary" --version | sed -n 's/^commit: //p')
if [[ $commit =~ ^[0-9a-f]{40}$ ]] && date=$(git -C "$source_dir" log -1 --format=%cd --date=format:%Y%m%d%H%M%S "$commit" 2>/dev/null); then
  version+="+git$date.${commit:0:12}"
fi
architecture=amd64

stage=$(mktemp -d "${TMPDIR:-/tmp}/ocirun-deb.XXXXXX")
trap 'rm -rf "$stage"' EXIT
root=$stage/ocirun_${version}_$architecture
install -D -m 0755 "$binary" "$root/usr/bin/ocirun"

mkdir -p "$root/usr/share/man/man8"
"$binary" docs man "$root/usr/share/man/man8"
gzip -9n "$root"/usr/share/man/man8/*.8

install -d "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions"
"$binary" docs bash > "$root/usr/share/bash-completion/completions/ocirun"
"$binary" docs zsh > "$root/usr/share/zsh/vendor-completions/_ocirun"

doc=$root/usr/share/doc/ocirun
install -d "$doc"
install -m 0644 "$source_dir/README.md" "$source_dir/spec/cli.md" "$source_dir/spec/lifecycle.md" \
  "$source_dir/spec/config-support.md" "$doc/"
gzip -9n "$doc"/*.md
cat > "$doc/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: ocirun
Comment: An OCI container runtime in C#, published with NativeAOT as one native binary.

Files: *
Copyright: the ocirun authors
License: see the ocirun source repository
COPYRIGHT
printf 'ocirun (%s) unstable; urgency=medium\n\n  * Built from commit %s.\n\n -- ocirun builders <ocirun@localhost>  %s\n' \
  "$version" "$commit" "$(date -R -u -d "@${SOURCE_DATE_EPOCH:-$(git -C "$source_dir" log -1 --format=%ct 2>/dev/null || date +%s)}")" \
  | gzip -9n > "$doc/changelog.Debian.gz"

# Runtime dependencies: the libraries the binary links (dpkg-shlibdeps reads its NEEDED entries and symbol
# versions), plus libseccomp2, which ocirun loads with dlopen for seccomp filters (2.4 has every export it binds).
shlibs=$stage/shlibs
mkdir -p "$shlibs/debian"
printf 'Source: ocirun\n\nPackage: ocirun\nArchitecture: any\n' > "$shlibs/debian/control"
linked=$(cd "$shlibs" && dpkg-shlibdeps -O "$root/usr/bin/ocirun" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
depends="$linked, libseccomp2 (>= 2.4)"

mkdir -p "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<CONTROL
Package: ocirun
Version: $version
Architecture: $architecture
Maintainer: ocirun builders <ocirun@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Suggests: criu
Section: admin
Priority: optional
Description: OCI container runtime, a drop-in replacement for runc
 ocirun runs containers packaged as OCI bundles. It implements the OCI runtime
 specification with the command line of runc 1.1, so containerd, podman and
 Docker can use it in runc's place. A native binary: no .NET runtime needed.
CONTROL
(cd "$root" && find usr -type f -printf '%P\n' | sort | sed 's|^|usr/|' | xargs md5sum > DEBIAN/md5sums)

mkdir -p "$outdir"
deb=$(realpath "$outdir")/ocirun_${version}_$architecture.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
