#!/bin/sh
# Runs COMMAND in a private mount namespace where the cgroup2 mount of a hybrid cgroup host is hidden, so that
# it sees a plain cgroup v1 host (crun refuses hybrid hosts). The host's own mounts are untouched: the umount
# happens in the private namespace only.
#   hide-cgroup2.sh COMMAND [ARG...]
[ $# -ge 1 ] || { echo "usage: hide-cgroup2.sh COMMAND [ARG...]" >&2; exit 2; }
exec unshare -m --propagation private sh -c 'umount /sys/fs/cgroup/unified && exec "$0" "$@"' "$@"
