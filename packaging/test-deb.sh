#!/usr/bin/env bash
# Installs the package into a clean Debian 12 root and checks what a user gets: test-deb.sh DEB.
# The root (minbase + man-db, bash-completion and zsh, to try the man pages and completions) is made once by
# mmdebstrap from this host's apt sources and cached as a tarball in $DEB_TEST_CACHE; every run unpacks a fresh
# copy, works in it inside a private mount and pid namespace (chroot), and deletes it.
set -euo pipefail
deb=$(realpath "$1")
cache=${DEB_TEST_CACHE:-/var/cache/ocirun-test-deb}
includes=man-db,bash-completion,zsh
tarball=$cache/bookworm-minbase-${includes//,/-}.tar

[ "$(id -u)" -eq 0 ] || { echo "test-deb: needs root (chroot, mounts)" >&2; exit 1; }
command -v mmdebstrap >/dev/null || "$(dirname "$0")/../scripts/ensure-packages.sh" mmdebstrap

if [ ! -f "$tarball" ]; then
  mkdir -p "$cache"
  sources=()
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -s "$file" ] && sources+=("$file")
  done
  echo "test-deb: making a Debian 12 root from ${sources[*]} (once; cached in $tarball)" >&2
  # The host's mirrors may be snapshots whose Release files have expired.
  partial=${tarball%.tar}.partial.tar
  rm -rf "$partial"
  mmdebstrap --quiet --format=tar --variant=minbase --include="$includes" --aptopt='Acquire::Check-Valid-Until "false"' \
    bookworm "$partial" "${sources[@]}"
  mv "$partial" "$tarball"
fi

work=$(mktemp -d "${TMPDIR:-/var/tmp}/ocirun-test-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir "$root"
tar -xf "$tarball" -C "$root"
cp "$deb" "$root/tmp/ocirun.deb"

cat > "$root/tmp/check.sh" <<'CHECK'
set -euo pipefail
fail() { echo "not ok: $*" >&2; exit 1; }
# Everything on the root filesystem except what dpkg and man-db keep as records of what happened.
census() { find / -xdev \( -path /proc -o -path /tmp -o -path /var/lib/dpkg -o -path /var/log -o -path /var/cache/man \) -prune -o -print | sort; }
census > /tmp/before

dpkg -i /tmp/ocirun.deb >/tmp/dpkg.log 2>&1 || { cat /tmp/dpkg.log >&2; fail "dpkg -i"; }
echo "ok: dpkg -i"
ocirun --version | grep -q '^ocirun version ' || fail "ocirun --version"
echo "ok: ocirun --version: $(ocirun --version | head -1)"
[ "$(command -v ocirun)" = /usr/bin/ocirun ] || fail "ocirun is not /usr/bin/ocirun"
[ "$(man -w ocirun-exec)" = /usr/share/man/man8/ocirun-exec.8.gz ] || fail "man -w ocirun-exec: $(man -w ocirun-exec 2>&1)"
# grep reads the whole page: grep -q would leave early and man's SIGPIPE fail the pipeline (pipefail).
MANWIDTH=100 man ocirun-exec 2>/dev/null | grep -- '--process value, -p value' >/dev/null || fail "man ocirun-exec does not show --process"
echo "ok: man -w ocirun-exec"
# bash-completion finds the script by the command's name, as an interactive shell would.
completed=$(bash -c 'source /usr/share/bash-completion/bash_completion
  _completion_loader ocirun
  COMP_LINE="ocirun ex" COMP_POINT=9 COMP_WORDS=(ocirun ex) COMP_CWORD=1
  $(complete -p ocirun | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
  echo "${COMPREPLY[*]}"')
[ "$completed" = exec ] || fail "bash: ocirun ex<TAB> gave '$completed'"
echo "ok: bash completes ocirun ex<TAB> to exec"
[ "$(zsh -fc 'autoload -Uz compinit; compinit -u -D; print -r -- $_comps[ocirun]')" = _ocirun ] || fail "zsh: compinit does not find _ocirun"
echo "ok: zsh finds _ocirun"
ocirun info >/tmp/info.txt 2>&1 || { cat /tmp/info.txt >&2; fail "ocirun info"; }
echo "ok: ocirun info"

dpkg -L ocirun > /tmp/files
dpkg -r ocirun >/tmp/dpkg.log 2>&1 || { cat /tmp/dpkg.log >&2; fail "dpkg -r"; }
census > /tmp/after
if ! diff /tmp/before /tmp/after >&2; then fail "dpkg -r left the files above behind"; fi
echo "ok: dpkg -r leaves nothing behind ($(wc -l < /tmp/files) paths were installed)"
CHECK

# A private mount and pid namespace: /proc for the chroot, and nothing mounted outlives the test.
unshare --mount --pid --fork --propagation private sh -c '
  mount -t proc proc "$1/proc" &&
  exec chroot "$1" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 bash /tmp/check.sh' sh "$root"
