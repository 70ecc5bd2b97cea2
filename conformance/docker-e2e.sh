#!/usr/bin/env bash
# `make e2e`, second part: Docker Engine (Debian's docker.io, 20.10) drives RUNTIME as its default runtime.
#   docker-e2e.sh RUNTIME        (e.g. bin/ocirun, or /usr/sbin/runc to check the script itself)
# dockerd runs privately: its own data root, exec root, pidfile, unix socket, daemon.json and key file under a
# temporary directory, its own managed containerd under those, cgroupfs driver under a cgroup parent of its own,
# no iptables, no bridge, no IP forwarding. It runs in a mount namespace of its own where /run and /opt are
# private (tmpfs, overlay) and /etc/docker is an empty directory, so what dockerd and its containerd write there
# (shim sockets in /run/containerd/s, /run/docker/plugins, /opt/containerd) never reaches the host. The host's
# /var/lib/docker, /run/docker, /etc/docker, network links and iptables rules are not touched.
# The image is busybox, imported with `docker import` from scripts/busybox-rootfs.sh (no registry).
# Each scenario prints ok / not ok; the exit status is 1 when any is not ok. Cleanup runs whatever happens.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
runtime=${1:?usage: docker-e2e.sh RUNTIME}
case $runtime in */*) ;; *) runtime=$(command -v "$runtime") || { echo "docker-e2e: runtime not found: $1" >&2; exit 2; } ;; esac
[ -x "$runtime" ] || { echo "docker-e2e: runtime not executable: $runtime" >&2; exit 2; }
runtime=$(cd "$(dirname "$runtime")" && pwd)/$(basename "$runtime")
[ "$(id -u)" -eq 0 ] || { echo "docker-e2e: dockerd and containers need root" >&2; exit 2; }
"$repo/scripts/ensure-packages.sh" docker.io busybox-static util-linux bsdutils coreutils tar iproute2 iptables || exit 2

work=$(mktemp -d "${TMPDIR:-/tmp}/ocirun-docker-e2e.XXXXXX")
work=$(cd "$work" && pwd -P)
case $work/ in /run/* | /opt/* | /etc/docker/*)
  echo "docker-e2e: TMPDIR must not be under /run, /opt or /etc/docker (private in dockerd's namespace)" >&2
  rm -rf "$work"; exit 2 ;;
esac
sock=$work/docker.sock
data_root=$work/data
exec_root=$work/exec
# dockerd 20.10 gives the shim of every runc-like runtime, whatever its name, the runtime state root
# EXEC_ROOT/runtime-runc, and the shim adds containerd's namespace ("moby"). The exec scenario checks it.
runtime_root=$exec_root/runtime-runc/moby
containerd_sock=$exec_root/containerd/containerd.sock
cgroup_parent=ocirun-docker-e2e-$$
image=localhost/ocirun-docker-e2e/busybox:latest
dockerd_pid=
# Debian's client (docker.io) speaks to the 20.10 daemon; another client earlier on PATH might not.
docker_bin=/usr/bin/docker
export DOCKER_CONFIG=$work/client

# Every client call has a timeout. The daemon warns on every `docker run` in the default network mode that the
# host's IPv4 forwarding is off (we leave it off): that line is dropped from the client's stderr.
docker() {
  local rc err=$work/client-stderr.$BASHPID
  timeout 60 "$docker_bin" -H "unix://$sock" "$@" 2> "$err"
  rc=$?
  grep -v '^WARNING: IPv4 forwarding is disabled' "$err" >&2
  rm -f "$err"
  return $rc
}

# What docker would add to the host: checked unchanged at the end. Only docker's own names count (other
# programs on the machine may add links and rules meanwhile).
host_links() { ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | grep -E '^(docker|br-)' | sort; }
host_rules() { { iptables -S; ip6tables -S; } 2>/dev/null | grep -i docker; }
# (/run/containerd is not among them: every containerd's shims on the machine put sockets there; ours are in
# dockerd's private /run.)
host_paths() { local p; for p in /var/lib/docker /run/docker /etc/docker /opt/containerd; do
  [ -e "$p" ] && find "$p" -maxdepth 2 2>/dev/null; done; }

cleanup() {
  local pid dir cgroups
  trap - EXIT INT TERM
  if [ -n "$dockerd_pid" ] && kill -0 "$dockerd_pid" 2>/dev/null; then
    for id in $(docker ps -aq 2>/dev/null); do docker rm -f "$id" >/dev/null 2>&1; done
    kill "$dockerd_pid" 2>/dev/null
    for _ in $(seq 150); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$dockerd_pid" 2>/dev/null
    wait "$dockerd_pid" 2>/dev/null
  fi
  # dockerd's containerd and its shims: ours are the ones started with our containerd's config or socket.
  for pid in $(pgrep -f "containerd --config $exec_root/containerd/" 2>/dev/null) \
    $(pgrep -f "containerd-shim-runc-v2 .*-address $containerd_sock" 2>/dev/null); do
    echo "cleanup: killing leftover $(cat /proc/"$pid"/comm 2>/dev/null) $pid" >&2; kill -9 "$pid" 2>/dev/null
  done
  cgroups=$(find /sys/fs/cgroup -mindepth 2 -maxdepth 3 -depth -type d -path "*/$cgroup_parent*" 2>/dev/null)
  for dir in $cgroups; do
    for pid in $(cat "$dir/cgroup.procs" 2>/dev/null); do
      echo "cleanup: killing leftover container process $pid" >&2; kill -9 "$pid" 2>/dev/null
    done
  done
  for dir in $cgroups; do
    for _ in 1 2 3 4 5; do rmdir "$dir" 2>/dev/null && break; sleep 0.2; done
  done
  # dockerd's mounts live in its own mount namespace, gone with its last process; none should be here.
  for dir in $(awk -v w="$work/" 'index($5, w) == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
    umount "$dir" 2>/dev/null || umount -l "$dir" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_dockerd() {
  mkdir -p "$data_root" "$exec_root" "$DOCKER_CONFIG" "$work/etc-docker" "$work/opt-upper" "$work/opt-work"
  # deprecated-key-path: dockerd 20.10 otherwise creates /etc/docker/key.json.
  printf '{"deprecated-key-path": "%s"}\n' "$work/key.json" > "$work/daemon.json"
  local storage
  for storage in overlay2 vfs; do
    # The shell only sets up the namespace's private directories, then becomes dockerd (its pid is ours).
    unshare --mount --propagation private -- /bin/sh -c '
      set -e
      work=$1; shift
      mount -t tmpfs -o mode=0755 ocirun-docker-e2e /run
      mount -t overlay -o "lowerdir=/opt,upperdir=$work/opt-upper,workdir=$work/opt-work" ocirun-docker-e2e /opt
      if [ -d /etc/docker ]; then mount --bind "$work/etc-docker" /etc/docker; fi
      exec dockerd "$@"' sh "$work" \
      --config-file "$work/daemon.json" --data-root "$data_root" --exec-root "$exec_root" \
      --pidfile "$work/dockerd.pid" -H "unix://$sock" \
      --exec-opt native.cgroupdriver=cgroupfs --cgroup-parent "/$cgroup_parent" \
      --iptables=false --ip6tables=false --ip-masq=false --ip-forward=false --bridge=none \
      --storage-driver "$storage" --add-runtime "ocirun=$runtime" --default-runtime ocirun \
      > "$work/dockerd.log" 2>&1 &
    dockerd_pid=$!
    for _ in $(seq 150); do
      docker version >/dev/null 2>&1 && { echo "$storage" > "$work/storage"; return 0; }
      kill -0 "$dockerd_pid" 2>/dev/null || break
      sleep 0.2
    done
    echo "docker-e2e: dockerd with $storage did not come up:" >&2; tail -20 "$work/dockerd.log" >&2
    kill "$dockerd_pid" 2>/dev/null; wait "$dockerd_pid" 2>/dev/null; dockerd_pid=
    rm -rf "$data_root" "$exec_root"; mkdir -p "$data_root" "$exec_root"
  done
  return 1
}

import_image() {
  "$repo/scripts/busybox-rootfs.sh" "$work/rootfs" || return 1
  tar --numeric-owner -C "$work/rootfs" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'CMD ["sh"]' \
    - "$image" >/dev/null
}

# --- helpers for the scenarios ---
state() { docker inspect -f "{{.State.$2}}" "$1" 2>&1; } # NAME FIELD
wait_state() { # NAME FIELD VALUE
  for _ in $(seq 100); do [ "$(state "$1" "$2")" = "$3" ] && return 0; sleep 0.1; done
  echo "$1: State.$2 is '$(state "$1" "$2")', expected $3"; return 1
}
start_detached() { # NAME [docker run flags...]: a container whose shell sleeps until stopped
  local name=$1; shift
  docker run -d --name "$name" "$@" "$image" sleep 600 >/dev/null && wait_state "$name" Running true
}
cgroup_dir() { # PID CONTROLLER -> host path of the process's cgroup for that controller
  echo "/sys/fs/cgroup/$2$(awk -F: -v c="$2" '{ n = split($2, a, ","); for (i = 1; i <= n; i++) if (a[i] == c) print $3 }' "/proc/$1/cgroup")"
}
container_cgroup_file() { cat "$(cgroup_dir "$(state "$1" Pid)" "$2")/$3"; } # NAME CONTROLLER FILE
status_field() { awk -v f="$1:" '$1 == f { print $2 }'; } # FIELD: from /proc/PID/status on stdin
expect_eq() { # WHAT EXPECTED ACTUAL
  [ "$2" = "$3" ] && return 0
  printf '%s: expected %q, got %q\n' "$1" "$2" "$3"; return 1
}
# A docker command given a terminal by script(1), so -it works without one (CI). --foreground: see e2e.sh.
in_terminal() { # OUTFILE docker ARGS...: exit status of docker
  local out=$1; shift
  script -qec "$(printf '%q ' timeout --foreground 60 "$docker_bin" -H "unix://$sock" "$@")" /dev/null < /dev/null > "$out" 2>&1
}

# --- scenarios: each prints its own diagnostics and returns non-zero on failure ---
scenario_run_output_and_exit_code() {
  local out rc
  # No --network: the default mode, which without a bridge gives the container its own network namespace.
  out=$(docker run --rm "$image" sh -c 'echo hello from busybox; echo to stderr >&2; exit 3' 2> "$work/stderr")
  rc=$?
  expect_eq stdout "hello from busybox" "$out" && expect_eq stderr "to stderr" "$(cat "$work/stderr")" &&
    expect_eq "exit code" 3 "$rc"
}

scenario_run_network_none() {
  local out rc
  out=$(docker run --rm --network none "$image" sh -c 'ls /sys/class/net; true' 2>&1)
  rc=$?
  expect_eq "exit code" 0 "$rc" && expect_eq "network links" lo "$out"
}

scenario_interactive_tty() {
  local rc
  in_terminal "$work/tty.out" run --rm -it "$image" sh -c 'test -t 0 && test -t 1 && echo "tty=$(tty)"; exit 5'
  rc=$?
  grep -q 'tty=/dev/pts/[0-9]' "$work/tty.out" || { echo "no terminal in the container: $(cat "$work/tty.out")"; return 1; }
  expect_eq "exit code" 5 "$rc"
}

scenario_detached_logs() {
  local name=dke-logs out
  docker run -d --name $name "$image" sh -c 'echo to stdout; echo to stderr >&2; sleep 600' >/dev/null || return 1
  wait_state $name Running true || return 1
  # Each stream of the container comes back on the same stream of `docker logs`.
  for _ in $(seq 50); do out=$(docker logs $name 2>/dev/null); [ "$out" = "to stdout" ] && break; sleep 0.1; done
  expect_eq "docker logs, stdout" "to stdout" "$out" || return 1
  expect_eq "docker logs, stderr" "to stderr" "$(docker logs $name 2>&1 >/dev/null)" || return 1
  docker rm -f $name >/dev/null
}

scenario_exec() {
  local name=dke-exec out rc
  start_detached $name || return 1
  [ -d "$runtime_root/$(docker inspect -f '{{.Id}}' $name)" ] || { echo "no runtime state in $runtime_root"; return 1; }
  out=$(docker exec -u 1000:1000 -w /tmp -e E2E_GREETING=hello-exec $name sh -c 'id -u; id -g; pwd; echo "$E2E_GREETING"' 2>&1)
  expect_eq "exec -u -w -e" "1000
1000
/tmp
hello-exec" "$out" || return 1
  out=$(docker exec $name sh -c 'echo exec in $(cat /proc/1/comm); exit 4' 2>&1)
  rc=$?
  expect_eq "exec output" "exec in sleep" "$out" && expect_eq "exec exit code" 4 "$rc" || return 1
  in_terminal "$work/exec-tty.out" exec -it $name sh -c 'test -t 0 && echo "tty=$(tty)"; exit 6'
  rc=$?
  grep -q 'tty=/dev/pts/[0-9]' "$work/exec-tty.out" || { echo "exec -it: no terminal: $(cat "$work/exec-tty.out")"; return 1; }
  expect_eq "exec -it exit code" 6 "$rc" || return 1
  docker rm -f $name >/dev/null
}

scenario_stop() {
  local out
  # A shell that exits on SIGTERM: stopped by it, with its own exit code.
  docker run -d --name dke-stop-term "$image" sh -c 'trap "exit 7" TERM; while :; do sleep 0.1; done' >/dev/null &&
    wait_state dke-stop-term Running true || return 1
  docker stop -t 10 dke-stop-term >/dev/null || return 1
  expect_eq "State.Status after stop" exited "$(state dke-stop-term Status)" &&
    expect_eq "exit code after SIGTERM" 7 "$(state dke-stop-term ExitCode)" || return 1
  # A shell that ignores SIGTERM: killed after the timeout.
  docker run -d --name dke-stop-ignore "$image" sh -c 'trap "" TERM; while :; do sleep 0.1; done' >/dev/null &&
    wait_state dke-stop-ignore Running true || return 1
  out=$(docker stop -t 1 dke-stop-ignore 2>&1) || { echo "docker stop: $out"; return 1; }
  expect_eq "State.Status after stop" exited "$(state dke-stop-ignore Status)" &&
    expect_eq "exit code after SIGKILL" 137 "$(state dke-stop-ignore ExitCode)" || return 1
  docker rm dke-stop-term dke-stop-ignore >/dev/null
}

scenario_kill() {
  local name=dke-kill pid
  start_detached $name || return 1
  pid=$(state $name Pid)
  docker kill $name >/dev/null || return 1
  wait_state $name Status exited || return 1
  expect_eq "exit code after kill" 137 "$(state $name ExitCode)" || return 1
  ! kill -0 "$pid" 2>/dev/null || { echo "process $pid still alive"; return 1; }
  # A signal of the user's choice reaches the process.
  docker run -d --name dke-kill-usr1 "$image" sh -c 'trap "exit 10" USR1; while :; do sleep 0.1; done' >/dev/null &&
    wait_state dke-kill-usr1 Running true || return 1
  docker kill -s USR1 dke-kill-usr1 >/dev/null && wait_state dke-kill-usr1 Status exited || return 1
  expect_eq "exit code after USR1" 10 "$(state dke-kill-usr1 ExitCode)" || return 1
  docker rm $name dke-kill-usr1 >/dev/null
}

scenario_restart() {
  local name=dke-restart pid out
  docker run -d --name $name "$image" sh -c 'echo started; exec sleep 600' >/dev/null && wait_state $name Running true || return 1
  pid=$(state $name Pid)
  docker restart -t 1 $name >/dev/null || return 1
  wait_state $name Running true || return 1
  [ "$(state $name Pid)" != "$pid" ] || { echo "same pid $pid after restart"; return 1; }
  ! kill -0 "$pid" 2>/dev/null || { echo "old process $pid still alive"; return 1; }
  for _ in $(seq 50); do out=$(docker logs $name 2>&1); [ "$out" = "started
started" ] && break; sleep 0.1; done
  expect_eq "logs of both runs" "started
started" "$out" || return 1
  docker rm -f $name >/dev/null
}

scenario_pause_unpause() {
  local name=dke-pause
  start_detached $name || return 1
  docker pause $name >/dev/null || return 1
  expect_eq State.Status paused "$(state $name Status)" &&
    expect_eq freezer.state FROZEN "$(container_cgroup_file $name freezer freezer.state)" || return 1
  docker unpause $name >/dev/null || return 1
  expect_eq State.Status running "$(state $name Status)" &&
    expect_eq freezer.state THAWED "$(container_cgroup_file $name freezer freezer.state)" || return 1
  docker rm -f $name >/dev/null
}

scenario_top_and_stats() {
  local name=dke-top out pids mem
  start_detached $name || return 1
  out=$(docker top $name 2>&1) || { echo "docker top: $out"; return 1; }
  awk -v p="$(state $name Pid)" '$2 == p && /sleep 600/ { found = 1 } END { exit !found }' <<< "$out" ||
    { echo "docker top lacks the container's process: $out"; return 1; }
  out=$(docker stats --no-stream --format '{{.PIDs}} {{.MemUsage}}' $name 2>&1) || { echo "docker stats: $out"; return 1; }
  read -r pids mem _ <<< "$out"
  [ "${pids:-0}" -ge 1 ] 2>/dev/null && [[ $mem =~ ^[0-9.]+[KMG]i?B$ ]] && [[ ! $mem =~ ^0B$ ]] ||
    { echo "docker stats: no pids or memory usage: $out"; return 1; }
  docker rm -f $name >/dev/null
}

scenario_resources() {
  local name=dke-resources out
  start_detached $name --memory 96m --pids-limit 40 --cpus 1.5 || return 1
  expect_eq memory.limit_in_bytes 100663296 "$(container_cgroup_file $name memory memory.limit_in_bytes)" &&
    expect_eq pids.max 40 "$(container_cgroup_file $name pids pids.max)" &&
    expect_eq cpu.cfs_quota_us 150000 "$(container_cgroup_file $name cpu cpu.cfs_quota_us)" &&
    expect_eq cpu.cfs_period_us 100000 "$(container_cgroup_file $name cpu cpu.cfs_period_us)" || return 1
  # Docker mounts the container's cgroups read-only at /sys/fs/cgroup.
  out=$(docker exec $name sh -c 'cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/pids/pids.max' 2>&1)
  expect_eq "limits seen in the container" "100663296
40" "$out" || return 1
  docker rm -f $name >/dev/null
}

scenario_update() {
  local name=dke-update out
  start_detached $name --memory 96m --pids-limit 40 || return 1
  out=$(docker update --memory 64m --memory-swap 128m --pids-limit 50 --cpus 0.5 $name 2>&1) || { echo "docker update: $out"; return 1; }
  expect_eq memory.limit_in_bytes 67108864 "$(container_cgroup_file $name memory memory.limit_in_bytes)" &&
    expect_eq memory.memsw.limit_in_bytes 134217728 "$(container_cgroup_file $name memory memory.memsw.limit_in_bytes 2>/dev/null || echo 134217728)" &&
    expect_eq pids.max 50 "$(container_cgroup_file $name pids pids.max)" &&
    expect_eq cpu.cfs_quota_us 50000 "$(container_cgroup_file $name cpu cpu.cfs_quota_us)" || return 1
  expect_eq "HostConfig.Memory" 67108864 "$(docker inspect -f '{{.HostConfig.Memory}}' $name)" || return 1
  docker rm -f $name >/dev/null
}

scenario_read_only_and_tmpfs() {
  local out
  out=$(docker run --rm --read-only --tmpfs /scratch:rw,size=1m,mode=1777 "$image" sh -c '
    touch /etc/e2e 2>/dev/null && echo "/ writable"
    echo data > /scratch/file && cat /scratch/file && stat -c %a /scratch
    awk '\''$2 == "/" { print "root", substr($4, 1, 3) } $2 == "/scratch" { print $1, $3, $4 }'\'' /proc/mounts' 2>&1)
  [[ $out == "data
1777
root ro,
tmpfs tmpfs rw,"*size=1024k* ]] || { echo "unexpected: $out"; return 1; }
}

scenario_user() {
  local out
  out=$(docker run --rm --user 1000:1000 --group-add 29 "$image" sh -c 'id -u; id -g; id -G' 2>&1)
  expect_eq "--user 1000:1000 --group-add 29" "1000
1000
1000 29" "$out" || return 1
  out=$(docker run --rm --user nobody "$image" id -u 2>&1)
  expect_eq "--user nobody" 65534 "$out"
}

scenario_capabilities() {
  local out
  # Docker's default set: CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE NET_RAW
  # SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP.
  out=$(docker run --rm "$image" cat /proc/self/status | status_field CapEff)
  expect_eq "default CapEff" 00000000a80425fb "$out" || return 1
  out=$(docker run --rm --cap-add SYS_ADMIN --cap-drop NET_RAW "$image" cat /proc/self/status | status_field CapEff)
  expect_eq "CapEff with +SYS_ADMIN -NET_RAW" 00000000a82405fb "$out" || return 1
  out=$(docker run --rm --cap-drop ALL --cap-add NET_ADMIN "$image" cat /proc/self/status | status_field CapEff)
  expect_eq "CapEff with only NET_ADMIN" 0000000000001000 "$out" || return 1
  out=$(docker run --rm --user 1000 --cap-add NET_ADMIN "$image" cat /proc/self/status | status_field CapEff)
  expect_eq "CapEff of a non-root user" 0000000000000000 "$out"
}

scenario_security_opts() {
  local out
  out=$(docker run --rm "$image" cat /proc/self/status | awk '$1 == "NoNewPrivs:" || $1 == "Seccomp:" { printf "%s%s ", $1, $2 }')
  expect_eq "default" "NoNewPrivs:0 Seccomp:2 " "$out" || return 1
  out=$(docker run --rm --security-opt no-new-privileges --security-opt seccomp=unconfined "$image" cat /proc/self/status |
    awk '$1 == "NoNewPrivs:" || $1 == "Seccomp:" { printf "%s%s ", $1, $2 }')
  expect_eq "no-new-privileges, seccomp=unconfined" "NoNewPrivs:1 Seccomp:0 " "$out" || return 1
  # The default profile denies what it does not list (e.g. unshare of a user namespace is refused without
  # CAP_SYS_ADMIN): the filter is the one the runtime loaded, not only a mode.
  out=$(docker run --rm "$image" sh -c 'unshare -U true 2>&1 && echo allowed || echo refused' 2>&1)
  expect_eq "unshare -U under the default profile" refused "$(tail -1 <<< "$out")"
}

scenario_sysctl() {
  local out
  out=$(docker run --rm --sysctl net.ipv4.ip_unprivileged_port_start=2048 --sysctl kernel.shm_rmid_forced=1 "$image" \
    cat /proc/sys/net/ipv4/ip_unprivileged_port_start /proc/sys/kernel/shm_rmid_forced 2>&1)
  expect_eq "sysctls" "2048
1" "$out"
}

scenario_bind_mounts() {
  local out
  mkdir -p "$work/share" && echo from-host > "$work/share/host-file"
  out=$(docker run --rm -v "$work/share:/share" -v "$work/share:/share-ro:ro" "$image" sh -c '
    cat /share/host-file; echo from-container > /share/container-file
    touch /share-ro/x 2>/dev/null && echo "ro mount writable"; true' 2>&1)
  expect_eq "host file seen inside" from-host "$out" &&
    expect_eq "container file seen on the host" from-container "$(cat "$work/share/container-file" 2>&1)"
}

scenario_init() {
  local out rc
  out=$(docker run --rm --init "$image" sh -c 'cat /proc/1/comm; exit 9' 2>&1)
  rc=$?
  expect_eq "pid 1 with --init" docker-init "$out" && expect_eq "exit code through the init" 9 "$rc"
}

scenario_rm() {
  local name=dke-rm id
  docker run --rm --name $name "$image" true || return 1
  for _ in $(seq 50); do [ -z "$(docker ps -aq --filter name=^/$name\$)" ] && break; sleep 0.1; done
  [ -z "$(docker ps -aq --filter name=^/$name\$)" ] || { echo "container $name still listed"; return 1; }
  for id in $(ls "$runtime_root" 2>/dev/null); do
    [ -z "$(docker ps -aq --no-trunc --filter id="$id")" ] && { echo "runtime state of a removed container left: $id"; return 1; }
  done
  return 0
}

scenario_privileged() {
  local name=dke-privileged out all
  # Docker gives a privileged container every capability the kernel has: only where this shell has them all.
  all=$(printf '%016x' $(( (1 << ($(cat /proc/sys/kernel/cap_last_cap) + 1)) - 1 )))
  [ "$(status_field CapBnd < /proc/self/status)" = "$all" ] || { echo "skip: this host's bounding set lacks capabilities"; return 200; }
  out=$(docker run --rm --privileged "$image" sh -c '
    awk '\''$1 == "CapEff:" || $1 == "Seccomp:" { print $1, $2 }'\'' /proc/self/status
    test -c /dev/kmsg && echo "host devices"
    grep -q " /proc/sys proc rw" /proc/self/mounts && echo "/proc/sys rw"
    mount -t tmpfs none /mnt && echo "mount allowed"' 2>&1)
  expect_eq "--privileged" "CapEff: $all
Seccomp: 0
host devices
/proc/sys rw
mount allowed" "$out" || return 1
  start_detached $name --cap-drop ALL || return 1
  out=$(docker exec --privileged $name awk '$1 == "CapEff:" { print $2 }' /proc/self/status 2>&1)
  expect_eq "CapEff of exec --privileged" "$all" "$out" || return 1
  docker rm -f $name >/dev/null
}

scenario_host_namespaces() {
  local out
  out=$(docker run --rm --pid host --ipc host --uts host --network host "$image" sh -c '
    for ns in pid ipc uts net; do readlink /proc/self/ns/$ns; done; hostname' 2>&1)
  expect_eq "--pid/--ipc/--uts/--network host" "$(for ns in pid ipc uts net; do readlink /proc/self/ns/$ns; done; hostname)" "$out" || return 1
  out=$(docker run --rm --hostname e2e-host --network none "$image" sh -c 'hostname; readlink /proc/self/ns/uts' 2>&1)
  expect_eq "--hostname" e2e-host "$(head -1 <<< "$out")" &&
    [ "$(tail -1 <<< "$out")" != "$(readlink /proc/self/ns/uts)" ] || { echo "own uts namespace expected: $out"; return 1; }
}

scenario_limits_and_shm() {
  local out
  out=$(docker run --rm --ulimit nofile=1024:2048 --ulimit nproc=500 --shm-size 8m --oom-score-adj 300 "$image" sh -c '
    ulimit -n; ulimit -Hn; ulimit -u; cat /proc/self/oom_score_adj
    awk '\''$2 == "/dev/shm" { print $3, $4 }'\'' /proc/mounts' 2>&1)
  [[ $out == "1024
2048
500
300
tmpfs rw,nosuid,nodev,noexec,relatime,size=8192k"* ]] || { echo "unexpected: $out"; return 1; }
}

scenario_cpuset_and_devices() {
  local name=dke-cpuset out
  start_detached $name --cpuset-cpus 0 --device /dev/null:/dev/e2e-null:rw || return 1
  expect_eq cpuset.cpus 0 "$(container_cgroup_file $name cpuset cpuset.cpus)" || return 1
  out=$(docker exec $name sh -c 'grep Cpus_allowed_list /proc/self/status; echo x > /dev/e2e-null && stat -c "%t:%T" /dev/e2e-null' 2>&1)
  expect_eq "cpuset and device in the container" "Cpus_allowed_list:	0
1:3" "$out" || return 1
  grep -q '^c 1:3 rwm$' "$(cgroup_dir "$(state $name Pid)" devices)/devices.list" ||
    { echo "devices.list lacks c 1:3 rwm"; return 1; }
  docker rm -f $name >/dev/null
}

scenario_oom_kill() {
  local name=dke-oom
  # 8 MiB of memory and no swap beyond it: a shell that keeps growing a variable is killed by the kernel.
  docker run --name $name --memory 8m --memory-swap 8m "$image" sh -c 'x=0123456789; while :; do x=$x$x; done' >/dev/null 2>&1
  wait_state $name Status exited || return 1
  expect_eq ExitCode 137 "$(state $name ExitCode)" && expect_eq OOMKilled true "$(state $name OOMKilled)" || return 1
  docker rm $name >/dev/null
}

scenario_restart_policy_and_wait() {
  local name=dke-policy out
  # Exits 3 at once, three times: dockerd starts it again twice (on-failure:2), then gives up.
  docker run -d --name $name --restart on-failure:2 "$image" sh -c 'echo run; exit 3' >/dev/null || return 1
  for _ in $(seq 100); do
    [ "$(state $name Status)" = exited ] && [ "$(docker inspect -f '{{.RestartCount}}' $name)" = 2 ] && break; sleep 0.1
  done
  expect_eq RestartCount 2 "$(docker inspect -f '{{.RestartCount}}' $name)" || return 1
  expect_eq "docker wait" 3 "$(docker wait $name 2>&1)" || return 1
  expect_eq "logs of the three runs" "run
run
run" "$(docker logs $name 2>&1)" || return 1
  docker rm $name >/dev/null
}

scenario_named_volume() {
  local name=dke-volume out
  docker volume create dke-data >/dev/null || return 1
  docker run --rm -v dke-data:/data "$image" sh -c 'echo kept > /data/file' || return 1
  start_detached $name -v dke-data:/data --cap-drop ALL || return 1
  expect_eq "volume content in a second container" kept "$(docker exec $name cat /data/file 2>&1)" || return 1
  out=$(docker exec $name awk '$1 == "CapEff:" { print $2 }' /proc/self/status 2>&1)
  expect_eq "CapEff of exec" 0000000000000000 "$out" || return 1
  docker rm -f $name >/dev/null && docker volume rm dke-data >/dev/null
}

scenario_healthcheck() {
  local name=dke-health
  # The daemon runs the check with exec every interval: an exec with no terminal, many times over.
  docker run -d --name $name --health-cmd 'test -e /tmp/ready' --health-interval 1s --health-retries 1 \
    "$image" sh -c 'touch /tmp/ready; exec sleep 600' >/dev/null || return 1
  for _ in $(seq 100); do [ "$(state $name Health.Status)" = healthy ] && break; sleep 0.1; done
  expect_eq Health.Status healthy "$(state $name Health.Status)" || return 1
  docker exec $name rm /tmp/ready || return 1
  for _ in $(seq 100); do [ "$(state $name Health.Status)" = unhealthy ] && break; sleep 0.1; done
  expect_eq Health.Status unhealthy "$(state $name Health.Status)" || return 1
  docker rm -f $name >/dev/null
}

scenario_exec_in_stopped_or_paused() {
  local name=dke-exec-state out
  start_detached $name || return 1
  docker pause $name >/dev/null || return 1
  out=$(docker exec $name true 2>&1) && { echo "exec in a paused container succeeded"; return 1; }
  [[ $out == *"is paused"* ]] || { echo "exec in a paused container: $out"; return 1; }
  docker unpause $name >/dev/null && docker stop -t 0 $name >/dev/null || return 1
  out=$(docker exec $name true 2>&1) && { echo "exec in a stopped container succeeded"; return 1; }
  [[ $out == *"is not running"* ]] || { echo "exec in a stopped container: $out"; return 1; }
  docker rm $name >/dev/null
}

# Details of the container's view that differed from runc's under Docker (each fixed in ocirun, see the log).
scenario_container_view() {
  local out expected
  # The host's v1 hierarchies by their mount point's name, a co-mounted one's controllers as links beside it.
  expected=$(awk '$9 == "cgroup" && index($5, "/sys/fs/cgroup/") == 1 { n = split($5, p, "/"); print p[n]; m = split(p[n], c, ","); if (m > 1) for (i = 1; i <= m; i++) print c[i] }' /proc/self/mountinfo |
    sort -u | tr '\n' ' ')
  out=$(docker run --rm --network none --tmpfs /etc --tmpfs /var:ro --tmpfs /scratch "$image" sh -c '
    echo x >&0 && echo "stdin, /dev/null without -i, writable"
    echo "cgroup hierarchies: $(ls /sys/fs/cgroup | sort | tr "\n" " ")"
    awk '\''$5 == "/sys/fs/cgroup" { print "cgroup tmpfs", $6, $NF }'\'' /proc/self/mountinfo
    echo "tmpfs over /etc, /var, none: $(stat -c %a /etc /var /scratch | tr "\n" " ")"' 2>&1)
  expect_eq "container view" "stdin, /dev/null without -i, writable
cgroup hierarchies: $expected
cgroup tmpfs rw,nosuid,nodev,noexec,relatime rw,mode=755
tmpfs over /etc, /var, none: 755 755 1777 " "$out"
}

# Everything docker made is removed; then nothing of it may be left.
scenario_nothing_left_behind() {
  local id left=0 mounts cgroups pid ids entries
  for id in $(docker ps -aq); do docker rm -f "$id" >/dev/null; done
  [ -z "$(docker ps -aq)" ] || { echo "containers still listed: $(docker ps -a)"; left=1; }
  # ocirun keeps its compiled seccomp filters in the state root (.~seccomp-cache, spec/config-support.md):
  # a cache, not a container. Anything else there is.
  ids=$("$runtime" --root "$runtime_root" list -q 2>&1) || { echo "$runtime list: $ids"; left=1; }
  [ -z "$ids" ] || { echo "containers left in the runtime's state root: $ids"; left=1; }
  entries=$(find "$runtime_root" -mindepth 1 -maxdepth 1 ! -name .~seccomp-cache 2>/dev/null)
  [ -z "$entries" ] || { echo "runtime state left in $runtime_root: $entries"; left=1; }
  # dockerd keeps its data root mounted (a private bind of itself) and, once a container used the host's
  # network, a handle on that namespace (netns/default); anything else is a container's.
  mounts=$(awk -v w="$work/" -v d="$data_root" -v n="$exec_root/netns/default" \
    'index($5, w) == 1 && $5 != d && $5 != n { print $5 }' "/proc/$dockerd_pid/mountinfo")
  [ -z "$mounts" ] || { echo "mounts left in dockerd's namespace: $mounts"; left=1; }
  cgroups=$(find /sys/fs/cgroup -mindepth 3 -maxdepth 3 -type d -path "*/$cgroup_parent/*" 2>/dev/null)
  [ -z "$cgroups" ] || { echo "container cgroups left: $cgroups"; left=1; }
  pid=$(pgrep -f "containerd-shim-runc-v2 .*-address $containerd_sock")
  [ -z "$pid" ] || { echo "shims left: $pid"; left=1; }
  return $left
}

# Last: dockerd stops (and with it its containerd); the host has no trace of it.
scenario_daemon_stops_host_untouched() {
  kill "$dockerd_pid" 2>/dev/null
  for _ in $(seq 150); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.1; done
  ! kill -0 "$dockerd_pid" 2>/dev/null || { echo "dockerd did not stop on SIGTERM in 15 s"; return 1; }
  wait "$dockerd_pid" 2>/dev/null; dockerd_pid=
  [ -z "$(pgrep -f "containerd --config $exec_root/containerd/")" ] || { echo "dockerd's containerd still runs"; return 1; }
  expect_eq "host links" "$links_before" "$(host_links)" &&
    expect_eq "host iptables rules" "$rules_before" "$(host_rules)" &&
    expect_eq "host docker/containerd paths" "$paths_before" "$(host_paths)" &&
    expect_eq "ip_forward" "$forward_before" "$(cat /proc/sys/net/ipv4/ip_forward)"
}

# --- main ---
echo "docker-e2e: dockerd $(dockerd --version | awk '{ print $3 }' | tr -d ,) with $runtime as its default runtime ($work)"
start=$(date +%s)
links_before=$(host_links) rules_before=$(host_rules) paths_before=$(host_paths)
forward_before=$(cat /proc/sys/net/ipv4/ip_forward)
start_dockerd || exit 1
echo "docker-e2e: storage driver $(cat "$work/storage")"
import_image || { echo "docker-e2e: docker import failed" >&2; exit 1; }

failed=0 n=0
for s in run_output_and_exit_code run_network_none interactive_tty detached_logs exec stop kill restart \
  pause_unpause top_and_stats resources update read_only_and_tmpfs user capabilities security_opts sysctl \
  bind_mounts init rm container_view privileged host_namespaces limits_and_shm cpuset_and_devices oom_kill \
  restart_policy_and_wait named_volume healthcheck exec_in_stopped_or_paused nothing_left_behind daemon_stops_host_untouched; do
  n=$((n + 1))
  log_lines=$(wc -l < "$work/dockerd.log")
  # In this shell, not a subshell: the last scenario stops dockerd and waits for it.
  "scenario_$s" > "$work/diag" 2>&1
  rc=$?
  if [ $rc = 0 ]; then
    echo "ok $n - $s"
  elif [ $rc = 200 ]; then
    echo "ok $n - $s # $(tail -1 "$work/diag")"
  else
    failed=$((failed + 1))
    echo "not ok $n - $s"
    sed 's/^/  # /' "$work/diag"
    # What dockerd, containerd and the shim logged meanwhile (the runtime's own errors are in there).
    tail -n +"$((log_lines + 1))" "$work/dockerd.log" | grep -E 'level=(error|warning)' | tail -10 | sed 's/^/  # log: /'
    # A failed scenario may leave its containers: remove them so the next one starts clean.
    [ -n "$dockerd_pid" ] && for id in $(docker ps -aq); do docker rm -f "$id" >/dev/null 2>&1; done
  fi
done
echo "1..$n"
echo "docker-e2e: $((n - failed))/$n scenarios ok with $(basename "$runtime") in $(( $(date +%s) - start ))s"
[ $failed -eq 0 ]
