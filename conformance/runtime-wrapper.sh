#!/bin/sh
# The suite calls this as RUNTIME. It runs the runtime under test with the harness's private state root, so a
# run never sees or leaves containers in the runtime's default root, and logs every call with its exit code
# (the harness reads the container ids from the log to look for leftovers).
# With CONFORMANCE_HIDE_CGROUP2=1, a call made where the hybrid host's cgroup2 mount is still visible runs
# through hide-cgroup2.sh (the harness runs crun's test files in such a namespace already).
: "${CONFORMANCE_RUNTIME_BIN:?}" "${CONFORMANCE_RUNTIME_ROOT:?}" "${CONFORMANCE_CALL_LOG:?}"
hide=
if [ "${CONFORMANCE_HIDE_CGROUP2:-0}" = 1 ] && grep -q ' /sys/fs/cgroup/unified cgroup2 ' /proc/self/mounts; then
  hide="$(dirname "$0")/hide-cgroup2.sh"
fi
$hide "$CONFORMANCE_RUNTIME_BIN" --root "$CONFORMANCE_RUNTIME_ROOT" "$@"
rc=$?
printf 'rc=%s %s\n' "$rc" "$*" >> "$CONFORMANCE_CALL_LOG"
exit "$rc"
