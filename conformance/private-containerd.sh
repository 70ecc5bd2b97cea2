# Sourced by e2e.sh and cri-e2e.sh: stops the script's private containerd and removes all it left, whatever
# happened. Uses the caller's work, sock, ns, containerd_pid, run_containerd_existed and ctr().
#   stop_private_containerd CGROUP-PATH-GLOB MAXDEPTH [ID...]
# CGROUP-PATH-GLOB and MAXDEPTH find the containers' cgroups (find -path, -maxdepth); the IDs are containers
# whose shim sockets must go besides those containerd still lists.
stop_private_containerd() {
  local glob=$1 depth=$2 id pid dir mnt cgroups
  shift 2
  local shim_ids="$*"
  if [ -n "$containerd_pid" ] && kill -0 "$containerd_pid" 2>/dev/null; then
    for id in $(ctr task ls -q 2>/dev/null); do
      ctr task kill -s SIGKILL "$id" >/dev/null 2>&1
      ctr task delete -f "$id" >/dev/null 2>&1
    done
    for id in $(ctr container ls -q 2>/dev/null); do ctr container delete "$id" >/dev/null 2>&1; shim_ids+=" $id"; done
    kill "$containerd_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$containerd_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$containerd_pid" 2>/dev/null
    wait "$containerd_pid" 2>/dev/null
  fi
  # Shims outlive containerd: ours are the ones started with our socket address.
  for pid in $(pgrep -f "containerd-shim-runc-v2 .*-address $sock" 2>/dev/null); do
    echo "cleanup: killing leftover shim $pid" >&2; kill -9 "$pid" 2>/dev/null
  done
  cgroups=$(find /sys/fs/cgroup -mindepth 2 -maxdepth "$depth" -depth -type d -path "$glob" 2>/dev/null)
  for dir in $cgroups; do
    for pid in $(cat "$dir/cgroup.procs" 2>/dev/null); do
      echo "cleanup: killing leftover container process $pid" >&2; kill -9 "$pid" 2>/dev/null
    done
  done
  for mnt in $(awk -v w="$work/" 'index($5 "/", w) == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
    umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null
  done
  for dir in $cgroups; do
    for _ in 1 2 3 4 5; do rmdir "$dir" 2>/dev/null && break; sleep 0.2; done
  done
  rm -rf "$work"
  # The shims' sockets are under /run/containerd/s whatever containerd's state dir, named by the hash of
  # "ADDRESS/NAMESPACE/ID"; a shim that exits normally removes its own, a killed one leaves it.
  for id in $shim_ids; do
    rm -f "/run/containerd/s/$(printf %s "$sock/$ns/$id" | sha256sum | cut -d' ' -f1)"
  done
  if [ "$run_containerd_existed" = 0 ] && [ -d /run/containerd ]; then
    find /run/containerd -depth -type d -empty -delete 2>/dev/null
  fi
}
