#!/usr/bin/env bash
# Lays out a minimal busybox root filesystem in DIR (from Debian's busybox-static), the way the tests and
# `make run` need it: /bin with every applet linked, /etc/passwd and /etc/group with a few users.
set -euo pipefail
dir=${1:?usage: busybox-rootfs.sh DIR}
busybox=/bin/busybox
[ -x "$busybox" ] || { echo "busybox-static is not installed" >&2; exit 1; }
mkdir -p "$dir"/{bin,sbin,etc,proc,sys,dev,tmp,root,usr/bin,usr/sbin,var,home/user}
chmod 1777 "$dir/tmp"
cp "$busybox" "$dir/bin/busybox"
for applet in $("$busybox" --list); do
  [ -e "$dir/bin/$applet" ] || ln -s busybox "$dir/bin/$applet"
done
cat > "$dir/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
user:x:1000:1000:user:/home/user:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
P
cat > "$dir/etc/group" <<'G'
root:x:0:
daemon:x:1:
audio:x:29:user
user:x:1000:
nogroup:x:65534:
G
echo "ocirun" > "$dir/etc/hostname"
