#!/usr/bin/env bash
# `make e2e`, Kubernetes' path: containerd's CRI plugin runs pods with RUNTIME as the runc binary of its
# io.containerd.runc.v2 runtime, driven over the CRI v1 gRPC API by our test client (conformance/cri/).
#   cri-e2e.sh RUNTIME        (e.g. bin/ocirun, or /usr/sbin/runc to check the scenarios themselves)
# containerd runs privately: config, root, state, sockets, the runtime's root, the CNI plugins and their config
# under a temporary directory; pods in the cgroup parent /ocirun-cri-e2e-PID. Pod networks are our own CNI
# plugin's (conformance/cri/cni-plugin.sh): an interface inside the pod's network namespace, nothing on the
# host. Everything is stopped and removed at the end whatever happens. The client prints ok / not ok per
# scenario; the exit status is 1 when any is not ok.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/private-containerd.sh"
runtime=${1:?usage: cri-e2e.sh RUNTIME}
case $runtime in */*) ;; *) runtime=$(command -v "$runtime") || { echo "cri-e2e: runtime not found: $1" >&2; exit 2; } ;; esac
[ -x "$runtime" ] || { echo "cri-e2e: runtime not executable: $runtime" >&2; exit 2; }
runtime=$(cd "$(dirname "$runtime")" && pwd)/$(basename "$runtime")
[ "$(id -u)" -eq 0 ] || { echo "cri-e2e: containerd and pods need root" >&2; exit 2; }
"$repo/scripts/ensure-packages.sh" containerd busybox-static util-linux iproute2 coreutils tar || exit 2

work=$(mktemp -d "${TMPDIR:-/tmp}/ocirun-cri-e2e.XXXXXX")
ns=k8s.io # the CRI plugin's containerd namespace
sock=$work/containerd.sock
runtime_root=$work/runtime-root
volumes=$work/volumes # a shared mount: the source of the HostToContainer and Bidirectional volumes
cgroup_parent=/ocirun-cri-e2e-$$
ids_file=$work/ids # every pod and container id the client made, one a line (for the shim sockets below)
image=localhost/ocirun-cri-e2e/busybox:latest
pause_image=localhost/ocirun-cri-e2e/pause:latest
client_project=$here/cri/CriE2e.csproj
client_build=$repo/.tmp/cri-e2e-client
containerd_pid=
run_containerd_existed=0; [ -e /run/containerd ] && run_containerd_existed=1

ctr() { timeout 60 ctr --address "$sock" --namespace "$ns" "$@"; }

cleanup() {
  trap - EXIT INT TERM
  # Pods live in cgroups under our parent; ids_file names every pod and container the client made.
  stop_private_containerd "*$cgroup_parent*" 3 $(cat "$ids_file" 2>/dev/null)
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The CNI bin_dir holds our plugin under the two names containerd calls: `loopback` and the network's type.
setup_cni() {
  mkdir -p "$work/cni/bin" "$work/cni/conf"
  ln -s "$here/cri/cni-plugin.sh" "$work/cni/bin/loopback"
  ln -s "$here/cri/cni-plugin.sh" "$work/cni/bin/cri-e2e-pod-net"
  printf '{"cniVersion":"0.4.0","name":"ocirun-cri-e2e","type":"cri-e2e-pod-net"}\n' > "$work/cni/conf/10-ocirun-cri-e2e.conf"
}

# Volumes with HostToContainer or Bidirectional propagation need a source on a shared (or slave) mount:
# a bind mount of our own directory, made shared, instead of changing the propagation of any host mount.
setup_volumes() {
  mkdir -p "$volumes" && mount --bind "$volumes" "$volumes" && mount --make-shared "$volumes"
}

start_containerd() {
  mkdir -p "$work/root" "$work/state" "$work/opt" "$runtime_root"
  cat > "$work/config.toml" <<EOF
version = 2
root = "$work/root"
state = "$work/state"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.zfs"]
[grpc]
  address = "$sock"
[ttrpc]
  address = "$sock.ttrpc"
[debug]
  address = "$work/debug.sock"
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$work/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$pause_image"
  enable_selinux = false
  disable_apparmor = true
  # A sandbox asks for oom_score_adj -998, which needs CAP_SYS_RESOURCE (CI's containers lack it): no lower than
  # containerd's own, as in a rootless or nested node.
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "ocirun"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.ocirun]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.ocirun.options]
        BinaryName = "$runtime"
        Root = "$runtime_root"
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$work/cni/bin"
    conf_dir = "$work/cni/conf"
    max_conf_num = 1
EOF
  containerd --config "$work/config.toml" --log-level warn > "$work/containerd.log" 2>&1 &
  containerd_pid=$!
  for _ in $(seq 100); do
    ctr version >/dev/null 2>&1 && return 0
    kill -0 "$containerd_pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "cri-e2e: containerd did not come up:" >&2; tail -20 "$work/containerd.log" >&2
  return 1
}

import_image() { # NAME [ENTRYPOINT]
  local tarball
  tarball=$work/$(basename "${1%%:*}").tar
  "$here/busybox-image.sh" "$tarball" "$@" && ctr image import --platform linux/amd64 "$tarball" >/dev/null
}

# --- main ---
echo "cri-e2e: containerd $(containerd --version | awk '{ print $3 }') CRI with $runtime as the runc binary ($work)"
start=$(date +%s)
dotnet build "$client_project" -c Release --nologo -v quiet -o "$client_build" > "$work/client-build.log" 2>&1 ||
  { echo "cri-e2e: building the CRI client failed:" >&2; cat "$work/client-build.log" >&2; exit 1; }
setup_cni && setup_volumes || { echo "cri-e2e: setting up CNI or the shared volume directory failed" >&2; exit 1; }
start_containerd || exit 1
import_image "$image" && import_image "$pause_image" '["/bin/sleep","infinity"]' ||
  { echo "cri-e2e: building or importing the images failed" >&2; exit 1; }

"$client_build/cri-e2e" --socket "$sock" --work "$work" --image "$image" --pause-image "$pause_image" \
  --volumes "$volumes" --runtime-root "$runtime_root/$ns" --cgroup-parent "$cgroup_parent" --ids-file "$ids_file"
rc=$?
[ $rc -eq 0 ] || { echo "cri-e2e: containerd's log:" >&2; tail -40 "$work/containerd.log" | sed 's/^/  # /' >&2; }
echo "cri-e2e: done with $(basename "$runtime") in $(( $(date +%s) - start ))s"
exit $rc
