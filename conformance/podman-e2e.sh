#!/usr/bin/env bash
# `make e2e` (second part): podman drives RUNTIME with --runtime, as README.md ("With podman") tells users:
#   podman-e2e.sh RUNTIME        (e.g. bin/ocirun, or /usr/sbin/runc to check the script itself)
# podman runs with private storage, run, and tmp directories under a temporary directory (vfs storage: nothing is
# mounted that could outlive it), cgroupfs, no network, and an image imported from a busybox rootfs tarball: no
# registry, and the host's podman images and containers are not touched. Each scenario prints ok / not ok; the exit
# status is 1 when any is not ok.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
runtime=${1:?usage: podman-e2e.sh RUNTIME}
case $runtime in */*) ;; *) runtime=$(command -v "$runtime") || { echo "podman-e2e: runtime not found: $1" >&2; exit 2; } ;; esac
runtime=$(cd "$(dirname "$runtime")" && pwd)/$(basename "$runtime")
[ -x "$runtime" ] || { echo "podman-e2e: runtime not executable: $runtime" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "podman-e2e: podman with a system runtime needs root here" >&2; exit 2; }
"$repo/scripts/ensure-packages.sh" podman conmon busybox-static tar || exit 2

podman_binary=$(command -v podman)
work=$(mktemp -d "${TMPDIR:-/tmp}/ocirun-podman-e2e.XXXXXX")
image=localhost/ocirun-podman-e2e/busybox:latest
name=ocirun-podman-e2e-$$
start=$(date +%s)

# README.md: `podman --runtime /usr/bin/ocirun run --rm docker.io/library/busybox echo hi`. The same command, with
# this test's private storage and its local image.
podman() {
  timeout 120 "$podman_binary" --root "$work/storage" --runroot "$work/run" --tmpdir "$work/tmp" --storage-driver vfs \
    --cgroup-manager cgroupfs --events-backend file --runtime "$runtime" "$@"
}
# podman raises RLIMIT_NOFILE and RLIMIT_NPROC to its defaults, which fails (for runc too) where the caller lacks
# CAP_SYS_RESOURCE, as in some CI sandboxes: ask for limits below any hard limit instead.
run_flags=(--network none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024)

# podman's cgroupfs manager puts conmon in libpod_parent/conmon of every hierarchy and never removes them: ours go
# (empty once conmon is gone) unless they were there before.
libpod_existed=0; compgen -G '/sys/fs/cgroup/*libpod_parent' >/dev/null && libpod_existed=1
cleanup() {
  local dir
  podman rm --force --time 0 --all >/dev/null 2>&1
  podman rmi --force --all >/dev/null 2>&1
  rm -rf "$work"
  if [ $libpod_existed = 0 ]; then
    for dir in /sys/fs/cgroup/libpod_parent /sys/fs/cgroup/*/libpod_parent; do
      [ -d "$dir" ] && { rmdir "$dir/conmon" 2>/dev/null; rmdir "$dir" 2>/dev/null; }
    done
  fi
}
trap cleanup EXIT

scenario_run_output() {
  local out
  out=$(podman run --rm "${run_flags[@]}" "$image" echo hi) || { echo "podman run failed: $out"; return 1; }
  [ "$out" = hi ] || { echo "expected 'hi', got '$out'"; return 1; }
}

scenario_exit_code() {
  podman run --rm "${run_flags[@]}" "$image" sh -c 'exit 3'
  local code=$?
  [ $code -eq 3 ] || { echo "expected exit code 3, got $code"; return 1; }
}

scenario_detached_exec_stop() {
  local id out
  id=$(podman run --detach --name "$name" "${run_flags[@]}" "$image" sh -c 'trap "exit 0" TERM; while :; do sleep 1; done') \
    || { echo "podman run -d failed: $id"; return 1; }
  # The container is one of RUNTIME's: its state is where RUNTIME keeps it (podman passes no --root).
  "$runtime" list --quiet | grep -qx "$id" || { echo "$id is not in '$(basename "$runtime") list'"; return 1; }
  out=$(podman exec "$name" sh -c 'echo in $$') || { echo "podman exec failed: $out"; return 1; }
  [[ $out == "in "* ]] || { echo "podman exec printed '$out'"; return 1; }
  [ "$(podman inspect --format '{{.State.Status}}' "$name")" = running ] || { echo "not running"; return 1; }
  podman stop --time 10 "$name" >/dev/null || { echo "podman stop failed"; return 1; }
  [ "$(podman inspect --format '{{.State.ExitCode}}' "$name")" = 0 ] || { echo "the container did not exit 0 on SIGTERM"; return 1; }
  podman rm "$name" >/dev/null || { echo "podman rm failed"; return 1; }
  ! "$runtime" list --quiet | grep -qx "$id" || { echo "$id is still in '$(basename "$runtime") list' after podman rm"; return 1; }
}

if ! out=$("$repo/scripts/busybox-rootfs.sh" "$work/rootfs" 2>&1 &&
  tar --owner=0 --group=0 --numeric-owner -C "$work/rootfs" -cf "$work/busybox.tar" . 2>&1 &&
  podman import --change 'CMD ["sh"]' "$work/busybox.tar" "$image" 2>&1); then
  echo "podman-e2e: importing the busybox image failed: $out" >&2
  exit 1
fi

failed=0 n=0
for s in run_output exit_code detached_exec_stop; do
  n=$((n + 1))
  if diag=$("scenario_$s" 2>&1); then
    echo "ok $n - podman $s"
  else
    failed=$((failed + 1))
    echo "not ok $n - podman $s"
    sed 's/^/  # /' <<< "$diag"
    podman rm --force --time 0 --all >/dev/null 2>&1
  fi
done
echo "1..$n"
echo "podman-e2e: $((n - failed))/$n scenarios ok with $(basename "$runtime") in $(( $(date +%s) - start ))s"
[ $failed -eq 0 ]
