#!/usr/bin/env bash
# `make test-v2`: ocirun's cgroup behaviour on a real pure cgroup v2 kernel. Boots a Debian cloud kernel in a
# qemu TCG VM with an initramfs holding OCIRUN, its libraries, busybox, test bundles and driver.sh, and turns
# the TAP that driver.sh prints on the serial console into the result. README.md, "Cgroup v2 in a VM", has more.
#
# Environment: V2_KERNEL=/path/vmlinuz (with V2_MODULES=DIR holding brd.ko, optional) boots another kernel
# instead of the pinned one; V2_TIMEOUT (seconds, default 480) bounds the VM; V2_CACHE the kernel cache.
set -euo pipefail

# The kernel, pinned here and only here. Debian's mirror keeps one version per ABI name, so when a security
# update replaces it the download falls back to the current version of the same package, with a warning.
KERNEL_PACKAGE=linux-image-6.1.0-56-cloud-amd64
KERNEL_VERSION=6.1.192-2

ocirun=$(realpath "${1:?usage: test-v2.sh PATH-TO-OCIRUN}")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${V2_CACHE:-/var/cache/ocirun-test-v2}
timeout=${V2_TIMEOUT:-480}

"$repo/scripts/ensure-packages.sh" qemu-system-x86 cpio busybox-static jq

# ---- the kernel: downloaded once, then from the cache ------------------------------------------------------
fetch_kernel() { # DEST: DEST/vmlinuz and DEST/brd.ko from the pinned package
  local dest=$1 tmp
  mkdir -p "$(dirname "$dest")"
  tmp=$(mktemp -d "$(dirname "$dest")/.fetch.XXXXXX") # beside DEST, so the last step is an atomic rename
  chmod 755 "$tmp" # apt-get download drops its privileges to _apt and writes here
  if ! (cd "$tmp" && apt-get download -q=2 "$KERNEL_PACKAGE=$KERNEL_VERSION" 2>/dev/null); then
    echo "test-v2: $KERNEL_PACKAGE $KERNEL_VERSION is not downloadable; refreshing the package lists" >&2
    apt-get update -qq
    if ! (cd "$tmp" && apt-get download -q=2 "$KERNEL_PACKAGE=$KERNEL_VERSION" 2>/dev/null); then
      echo "test-v2: WARNING: $KERNEL_VERSION is gone from the mirror; using the current $KERNEL_PACKAGE (update the pin in $0)" >&2
      (cd "$tmp" && apt-get download -q=2 "$KERNEL_PACKAGE") ||
        { echo "test-v2: cannot download $KERNEL_PACKAGE; update KERNEL_PACKAGE/KERNEL_VERSION in $0" >&2; rm -rf "$tmp"; return 1; }
    fi
  fi
  dpkg-deb -x "$tmp"/*.deb "$tmp/x"
  mkdir -p "$tmp/cached"
  cp "$tmp"/x/boot/vmlinuz-* "$tmp/cached/vmlinuz"
  find "$tmp/x/lib/modules" -name brd.ko -exec cp {} "$tmp/cached/brd.ko" \;
  rm -rf "$dest"
  mv "$tmp/cached" "$dest"
  rm -rf "$tmp"
}

if [ -n "${V2_KERNEL:-}" ]; then
  kernel=$V2_KERNEL
  kernel_name=$V2_KERNEL
  modules=${V2_MODULES:-}
else
  modules=$cache/${KERNEL_PACKAGE}_$KERNEL_VERSION
  if [ ! -f "$modules/vmlinuz" ]; then
    echo "test-v2: fetching $KERNEL_PACKAGE $KERNEL_VERSION into $modules"
    fetch_kernel "$modules"
  fi
  kernel=$modules/vmlinuz
  kernel_name="$KERNEL_PACKAGE $KERNEL_VERSION"
fi

# ---- the initramfs ---------------------------------------------------------------------------------------------
mkdir -p "$repo/.tmp"
work=$(mktemp -d "$repo/.tmp/test-v2.XXXXXX")
keep_log=
cleanup() { [ -n "$keep_log" ] && mv "$work/console.log" "$keep_log" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
tree=$work/initramfs
mkdir -p "$tree"/{bin,proc,sys,dev,run,tmp,newroot,v2/out}
cp /bin/busybox "$tree/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ -e "$tree/bin/$applet" ] || ln -s busybox "$tree/bin/$applet"
done
ln -s bin "$tree/sbin"
cp "$ocirun" "$tree/bin/ocirun"
# The dynamic loader, what ocirun links against, and libseccomp (loaded at run time), each at its host path.
# awk reads to the end: leaving early would kill ldconfig with SIGPIPE once its list outgrows the pipe (pipefail).
libseccomp=$(ldconfig -p | awk '/libseccomp\.so\.2 .*x86-64/ && !found { print $NF; found = 1 }')
for lib in $(ldd "$ocirun" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }') "$libseccomp"; do
  mkdir -p "$tree$(dirname "$lib")"
  cp -L "$lib" "$tree$lib"
done
cp /usr/bin/unshare "$tree/v2/unshare" # util-linux's (libc only): busybox's cannot unshare a cgroup namespace
cp "$here/init.sh" "$tree/init"
cp "$here/driver.sh" "$here/nested.sh" "$tree/v2/"
chmod 755 "$tree/init" "$tree/v2/driver.sh" "$tree/v2/nested.sh"
[ -n "$modules" ] && [ -f "$modules/brd.ko" ] && cp "$modules/brd.ko" "$tree/v2/brd.ko"
"$repo/scripts/busybox-rootfs.sh" "$tree/v2/rootfs"
mkdir -p "$tree/v2/rootfs/out"
"$here/make-bundles.sh" "$tree/v2" "$ocirun"
(cd "$tree" && find . | cpio -o -H newc --quiet | gzip -1) > "$work/initrd.gz"

# ---- boot, with the TAP lines shown as they come -----------------------------------------------------------------
echo "test-v2: booting $kernel_name under qemu TCG, at most ${timeout}s"
began=$(date +%s)
set +e
# Two NUMA nodes, a CPU and half the memory each, for linux.memoryPolicy.
timeout "$timeout" qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 1024 -nographic -nic none -no-reboot \
  -object memory-backend-ram,id=node0,size=512M -numa node,nodeid=0,cpus=0,memdev=node0 \
  -object memory-backend-ram,id=node1,size=512M -numa node,nodeid=1,cpus=1,memdev=node1 \
  -kernel "$kernel" -initrd "$work/initrd.gz" -append "console=ttyS0 panic=-1 quiet" < /dev/null 2>&1 |
  tr -d '\r' | tee "$work/console.log" | grep --line-buffered -E '^(ok |not ok |1\.\.[0-9]|# )'
qemu_status=${PIPESTATUS[0]}
set -e
elapsed=$(($(date +%s) - began))

# ---- the verdict ---------------------------------------------------------------------------------------------
log=$work/console.log
plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$log" | tail -1)
results=$(grep -cE '^(ok|not ok) [0-9]+ ' "$log" || true)
failed=$(grep -cE '^not ok [0-9]+ ' "$log" || true)
problem=
if [ "$qemu_status" -eq 124 ]; then problem="the VM did not finish within ${timeout}s"
elif [ -z "$plan" ]; then problem="no TAP plan: the driver did not finish (qemu exit $qemu_status)"
elif [ "$plan" != "$results" ]; then problem="$results results for a plan of $plan"
elif [ "$failed" -gt 0 ]; then problem="$failed of $plan cases failed"
fi
if [ -n "$problem" ]; then
  keep_log=$repo/.tmp/test-v2-console-$(date +%Y%m%d-%H%M%S).log
  echo "test-v2: FAILED: $problem (${elapsed}s); console log: $keep_log" >&2
  exit 1
fi
echo "test-v2: all $plan cases passed on $kernel_name, VM boot + run ${elapsed}s"
