#!/usr/bin/env bash
# Writes the config.json of every bundle the VM driver runs into DIR/bundles/NAME/: `ocirun spec` patched with
# jq. All share the busybox rootfs at /v2/rootfs; each container writes what it sees to /out (/v2/out/NAME).
# Compact JSON on purpose: driver.sh drops fragments with sed when the kernel lacks a feature.
set -euo pipefail
dir=${1:?usage: make-bundles.sh DIR OCIRUN}
ocirun=${2:?usage: make-bundles.sh DIR OCIRUN}

spec=$(mktemp -d)
trap 'rm -rf "$spec"' EXIT
(cd "$spec" && "$ocirun" spec)
base=$(jq -c '
  .process.terminal = false
  | .root = {path: "/v2/rootfs", readonly: true}
  | .hostname = "v2"
  | .linux.namespaces += [{type: "cgroup"}]' "$spec/config.json")

bundle() { # NAME JQ-FILTER
  mkdir -p "$dir/bundles/$1" "$dir/out/$1"
  jq -c --arg name "$1" "$2"' | .mounts += [{destination: "/out", type: "bind", source: ("/v2/out/" + $name), options: ["rbind", "rw"]}]' \
    <<<"$base" >"$dir/bundles/$1/config.json"
}

# Every resource at once, read back by the driver while the container runs. The container reports its own view:
# its cgroup (namespace), its cgroup2 mount, and which devices the eBPF program lets it open (CAP_MKNOD: runc's
# default rules allow mknod of any device, opening only the listed ones). Its shell, the
# namespace's init, ignores SIGTERM; the sleeps it starts do not.
bundle res '
  .process.args = ["sh", "-c", "
    cat /proc/self/cgroup > /out/cgroup
    ls /sys/fs/cgroup > /out/ls
    cat /sys/fs/cgroup/memory.max > /out/memory.max
    grep \" /sys/fs/cgroup \" /proc/self/mounts > /out/mount
    if echo x > /dev/null; then echo allowed; else echo denied; fi > /out/null
    if (true < /dev/kmsg) 2> /out/kmsg.err; then echo allowed; else echo denied; fi > /out/kmsg
    mknod /dev/mem1 c 1 1 && if (true < /dev/mem1) 2> /out/mem1.err; then echo allowed; else echo denied; fi > /out/mem1
    if [ -e /dev/ram0 ]; then if dd if=/dev/ram0 of=/dev/null bs=512 count=1 2> /out/ram0.err; then echo allowed; else echo denied; fi > /out/ram0; fi
    sleep 1000 &
    touch /out/ready
    while :; do sleep 1000; done"]
  | .process.capabilities |= map_values(. + ["CAP_MKNOD"])
  | .mounts += [{destination: "/dev/kmsg", type: "bind", source: "/dev/kmsg", options: ["bind"]}]
  | .mounts += [{destination: "/dev/ram0", type: "bind", source: "/dev/ram0", options: ["bind"]}]
  | .linux.cgroupsPath = "/ocirun-v2/res"
  | .linux.resources = {
      devices: [{allow: false, access: "rwm"}, {allow: true, type: "b", major: 1, minor: 0, access: "rw"}],
      memory: {limit: 67108864, reservation: 33554432, swap: 100663296},
      cpu: {shares: 1024, quota: 50000, period: 100000, burst: 10000, cpus: "1", mems: "0"},
      pids: {limit: 64},
      blockIO: {weight: 500, throttleReadBpsDevice: [{major: 1, minor: 0, rate: 1048576}], throttleWriteIOPSDevice: [{major: 1, minor: 0, rate: 100}]},
      hugepageLimits: [{pageSize: "2MB", limit: 4194304}],
      unified: {"memory.high": "52428800", "memory.oom.group": "1"}
    }'

# A unified key no kernel has: create must fail before it leaves a cgroup or a state behind.
bundle badkey '
  .process.args = ["true"]
  | .linux.cgroupsPath = "/ocirun-v2/badkey"
  | .linux.resources.unified = {"memory.bogus": "1"}'

# Fills its 16 MiB (no swap) a few seconds after start, so `events` is watching when the OOM killer comes.
bundle oom '
  .process.args = ["sh", "-c", "sleep 3; tail /dev/zero"]
  | .linux.cgroupsPath = "/ocirun-v2/oom"
  | .linux.resources.memory = {limit: 16777216, swap: 16777216}'

# linux.memoryPolicy on the VM's second NUMA node (the program reads its policy from numa_maps), and a node the
# VM does not have, refused before anything exists.
bundle numa '
  .process.args = ["sh", "-c", "head -1 /proc/self/numa_maps > /out/numa_maps"]
  | .linux.cgroupsPath = "/ocirun-v2/numa"
  | .linux.memoryPolicy = {mode: "MPOL_BIND", nodes: "1"}'
bundle numabad '
  .process.args = ["true"]
  | .linux.cgroupsPath = "/ocirun-v2/numabad"
  | .linux.memoryPolicy = {mode: "MPOL_PREFERRED", nodes: "2"}'

# Run by ocirun from inside a delegated subtree: no cgroupsPath, so it lands next to the caller's cgroup. Also
# the idle one: the kernel gives an idle group the minimum weight, so res (with shares) cannot show both.
bundle nested '
  .process.args = ["sleep", "1000"]
  | .linux.resources.memory = {limit: 33554432}
  | .linux.resources.pids = {limit: 20}
  | .linux.resources.cpu = {idle: 1}'
