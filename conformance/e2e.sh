#!/usr/bin/env bash
# `make e2e`: a real containerd drives RUNTIME as the runc binary of io.containerd.runc.v2, through `ctr`.
#   e2e.sh RUNTIME        (e.g. bin/ocirun, or /usr/sbin/runc to check the script itself)
# containerd runs privately: its own root, state, sockets and config under a temporary directory, its own
# namespace, stopped and cleaned up at the end whatever happens. The host's containerd, if any, is not touched.
# The image is a busybox OCI image built offline from Debian's busybox-static. Each scenario prints ok / not ok;
# the exit status is 1 when any is not ok.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/private-containerd.sh"
runtime=${1:?usage: e2e.sh RUNTIME}
case $runtime in */*) ;; *) runtime=$(command -v "$runtime") || { echo "e2e: runtime not found: $1" >&2; exit 2; } ;; esac
[ -x "$runtime" ] || { echo "e2e: runtime not executable: $runtime" >&2; exit 2; }
runtime=$(cd "$(dirname "$runtime")" && pwd)/$(basename "$runtime")
[ "$(id -u)" -eq 0 ] || { echo "e2e: containerd and containers need root" >&2; exit 2; }
"$repo/scripts/ensure-packages.sh" containerd busybox-static util-linux bsdutils coreutils tar || exit 2

work=$(mktemp -d "${TMPDIR:-/tmp}/ocirun-e2e.XXXXXX")
ns=ocirun-e2e-$$
sock=$work/containerd.sock
image=localhost/ocirun-e2e/busybox:latest
runtime_root=$work/runtime-root
containerd_pid=
run_containerd_existed=0; [ -e /run/containerd ] && run_containerd_existed=1
# The containers the scenarios make: the cleanup removes the shim sockets of those a kill left behind.
container_ids="e2e-run e2e-detached e2e-tty e2e-pause e2e-metrics e2e-env e2e-memory"

ctr() { timeout 60 ctr --address "$sock" --namespace "$ns" "$@"; }
run_flags=(--runc-binary "$runtime" --runc-root "$runtime_root" --fifo-dir "$work/fifo")

cleanup() {
  trap - EXIT INT TERM
  # ctr puts each container in the cgroup /NAMESPACE/ID: anything still there is ours.
  stop_private_containerd "*/$ns*" 4 $container_ids
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_containerd() {
  mkdir -p "$work/root" "$work/state" "$work/opt" "$work/fifo" "$runtime_root"
  cat > "$work/config.toml" <<EOF
version = 2
root = "$work/root"
state = "$work/state"
disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.zfs"]
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
EOF
  containerd --config "$work/config.toml" --log-level warn > "$work/containerd.log" 2>&1 &
  containerd_pid=$!
  for _ in $(seq 100); do
    ctr version >/dev/null 2>&1 && return 0
    kill -0 "$containerd_pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "e2e: containerd did not come up:" >&2; tail -20 "$work/containerd.log" >&2
  return 1
}

# --- helpers for the scenarios ---
task_status() { ctr task ls 2>/dev/null | awk -v id="$1" '$1 == id { print $3 }'; }
task_pid() { ctr task ls 2>/dev/null | awk -v id="$1" '$1 == id { print $2 }'; }
wait_status() { # ID STATUS
  for _ in $(seq 50); do [ "$(task_status "$1")" = "$2" ] && return 0; sleep 0.2; done
  echo "task $1 is '$(task_status "$1")', expected $2"; return 1
}
cgroup_dir() { # PID CONTROLLER -> host path of the process's cgroup for that controller
  echo "/sys/fs/cgroup/$2$(awk -F: -v c="$2" '{ n = split($2, a, ","); for (i = 1; i <= n; i++) if (a[i] == c) print $3 }' "/proc/$1/cgroup")"
}
start_detached() { # ID [ctr run flags...]: a task that sleeps until killed
  local id=$1; shift
  ctr run -d "${run_flags[@]}" "$@" "$image" "$id" sleep 600 && wait_status "$id" RUNNING
}
remove_task() { # ID: kill, wait until stopped, delete task and container
  ctr task kill -s SIGKILL "$1" && wait_status "$1" STOPPED && ctr task delete "$1" >/dev/null && ctr container delete "$1"
}
expect_eq() { # WHAT EXPECTED ACTUAL
  [ "$2" = "$3" ] && return 0
  printf '%s: expected %q, got %q\n' "$1" "$2" "$3"; return 1
}

# --- scenarios: each prints its own diagnostics and returns non-zero on failure ---
scenario_run_output_and_exit_code() {
  local out err rc
  out=$(ctr run --rm "${run_flags[@]}" "$image" e2e-run sh -c 'echo hello from busybox; echo to stderr >&2; exit 3' \
    2> "$work/stderr")
  rc=$?
  err=$(cat "$work/stderr")
  expect_eq stdout "hello from busybox" "$out" && expect_eq stderr "to stderr" "$err" && expect_eq "exit code" 3 "$rc"
}

scenario_detached_exec_ps_kill_delete() {
  local id=e2e-detached out pid
  start_detached $id || return 1
  out=$(ctr task exec --exec-id probe --fifo-dir "$work/fifo" $id sh -c 'echo exec in $(cat /proc/1/comm)' 2>&1)
  expect_eq "exec output" "exec in sleep" "$out" || return 1
  pid=$(task_pid $id)
  out=$(ctr task ps $id 2>&1) || { echo "task ps: $out"; return 1; }
  awk -v p="$pid" '$1 == p { found = 1 } END { exit !found }' <<< "$out" || { echo "task ps lacks init pid $pid: $out"; return 1; }
  remove_task $id || return 1
  [ -z "$(ctr task ls -q | grep -x $id)" ] && [ -z "$(ctr container ls -q | grep -x $id)" ] || { echo "task or container still listed"; return 1; }
  [ ! -e "$runtime_root/$ns/$id" ] || { echo "runtime state $runtime_root/$ns/$id left behind"; return 1; }
  ! kill -0 "$pid" 2>/dev/null || { echo "process $pid still alive"; return 1; }
}

scenario_tty() {
  local out cmd
  # ctr -t takes its own stdin as the console: script(1) gives it a terminal even when CI has none.
  # --foreground: script's shell (dash when SHELL is unset, as in CI) forks timeout, whose own process
  # group would be a background one on that terminal, and ctr would stop on SIGTTOU when it makes it raw.
  cmd=$(printf '%q ' timeout --foreground 60 ctr --address "$sock" --namespace "$ns" run --rm -t "${run_flags[@]}" "$image" e2e-tty \
    sh -c 'test -t 0 && test -t 1 && echo "tty=$(tty)"')
  out=$(script -qec "$cmd" /dev/null < /dev/null 2>&1 | tr -d '\r')
  grep -q 'tty=/dev/pts/[0-9]' <<< "$out" || { echo "no terminal in the container: $out"; return 1; }
}

scenario_pause_resume() {
  local id=e2e-pause freezer
  start_detached $id || return 1
  freezer=$(cgroup_dir "$(task_pid $id)" freezer)/freezer.state
  ctr task pause $id && wait_status $id PAUSED || return 1
  expect_eq "$freezer" FROZEN "$(cat "$freezer")" || return 1
  ctr task resume $id && wait_status $id RUNNING || return 1
  expect_eq "$freezer" THAWED "$(cat "$freezer")" || return 1
  remove_task $id
}

scenario_metrics() {
  local id=e2e-metrics out pids usage
  start_detached $id || return 1
  out=$(ctr task metrics $id 2>&1) || { echo "task metrics: $out"; return 1; }
  pids=$(awk '$1 == "pids.current" { print $2 }' <<< "$out")
  usage=$(awk '$1 == "memory.usage_in_bytes" { print $2 }' <<< "$out")
  [ "${pids:-0}" -ge 1 ] && [ "${usage:-0}" -gt 0 ] || { echo "metrics lack pids.current / memory.usage_in_bytes: $out"; return 1; }
  remove_task $id
}

scenario_env_and_cwd() {
  local out
  out=$(ctr run --rm "${run_flags[@]}" --env E2E_GREETING=hello-env --cwd /tmp "$image" e2e-env \
    sh -c 'echo "$E2E_GREETING"; pwd; echo "$PATH"' 2>&1)
  expect_eq "env, cwd and image PATH" "hello-env
/tmp
/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" "$out"
}

scenario_memory_limit() {
  local id=e2e-memory limit=67108864 host inside
  # ctr's default spec has no /sys/fs/cgroup mount (Docker's has): ask for one, as such clients do.
  start_detached $id --memory-limit $limit --mount type=cgroup,src=cgroup,dst=/sys/fs/cgroup,options=ro:nosuid:noexec:nodev ||
    return 1
  host=$(cat "$(cgroup_dir "$(task_pid $id)" memory)/memory.limit_in_bytes")
  expect_eq "host memory.limit_in_bytes" $limit "$host" || return 1
  inside=$(ctr task exec --exec-id mem --fifo-dir "$work/fifo" $id cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>&1)
  expect_eq "memory.limit_in_bytes seen in the container" $limit "$inside" || return 1
  remove_task $id
}

# --- main ---
echo "e2e: containerd $(containerd --version | awk '{ print $3 }') with $runtime as the runc binary ($work)"
start=$(date +%s)
"$here/busybox-image.sh" "$work/busybox.tar" "$image" || { echo "e2e: building the busybox image failed" >&2; exit 1; }
start_containerd || exit 1
ctr image import --platform linux/amd64 "$work/busybox.tar" >/dev/null || { echo "e2e: ctr image import failed" >&2; exit 1; }

failed=0 n=0
for s in run_output_and_exit_code detached_exec_ps_kill_delete tty pause_resume metrics env_and_cwd memory_limit; do
  n=$((n + 1))
  if diag=$("scenario_$s" 2>&1); then
    echo "ok $n - $s"
  else
    failed=$((failed + 1))
    echo "not ok $n - $s"
    sed 's/^/  # /' <<< "$diag"
    # A failed scenario may leave its task: remove it so the next one starts clean.
    for id in $(ctr task ls -q 2>/dev/null); do ctr task kill -s SIGKILL "$id" >/dev/null 2>&1; ctr task delete -f "$id" >/dev/null 2>&1; done
    for id in $(ctr container ls -q 2>/dev/null); do ctr container delete "$id" >/dev/null 2>&1; done
  fi
done
echo "1..$n"
echo "e2e: $((n - failed))/$n scenarios ok with $(basename "$runtime") in $(( $(date +%s) - start ))s"
[ $failed -eq 0 ]
