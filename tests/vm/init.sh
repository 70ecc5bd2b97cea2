#!/bin/sh
# /init of the cgroup v2 test VM (busybox). pivot_root, which ocirun uses for every container, refuses a
# caller whose root is the initramfs itself, so the files move to a tmpfs and the driver runs from there,
# as a distribution's initramfs hands over to the real root.
export PATH=/bin:/sbin
mount -t tmpfs -o mode=0755 tmpfs /newroot
for entry in /*; do
  [ "$entry" = /newroot ] || cp -a "$entry" /newroot/
done
exec switch_root /newroot /v2/driver.sh
