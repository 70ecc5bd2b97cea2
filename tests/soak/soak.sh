#!/usr/bin/env bash
# make soak: SOAK_CYCLES (default 1000) create/start/exec/kill/delete cycles, bounded by SOAK_MINUTES (default 15),
# over a mixed set of configs (plain; new namespaces with a user namespace and id mappings; memory/pids/cpu limits;
# a seccomp profile; a terminal through a console socket). Every cycle checks that the container's process and an
# exec'd process hold only stdio; a long `ocirun run` stays up the whole time and its fds must not change. A census
# before and after (mounts, cgroups, state entries, fifos and sockets, leftover and zombie processes, fds) must match.
# Runs in a private copy of the mount namespace, so other users of the machine cannot move the mount count.
set -euo pipefail
OCIRUN=${OCIRUN:?set OCIRUN to the ocirun binary}
cycles=${SOAK_CYCLES:-1000}
minutes=${SOAK_MINUTES:-15}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

if [ -z "${OCIRUN_SOAK_MOUNT_NS:-}" ]; then
  OCIRUN_SOAK_MOUNT_NS=1 exec unshare --mount --propagation private -- "$0" "$@"
fi

work=$(mktemp -d /tmp/ocirun-soak.XXXXXX)
chmod 755 "$work"   # container users mapped to other host ids must reach the rootfs
root=$work/state
prefix=ocirun-soak-$$
receiver_pid=
run_pid=
ocirun() { "$OCIRUN" --root "$root" "$@"; }

cgroup_hierarchies() {
  local h
  for h in /sys/fs/cgroup/*/ /sys/fs/cgroup/; do [ -L "${h%/}" ] || echo "$h"; done
}

cleanup() {
  set +e
  [ -n "$run_pid" ] && kill -KILL "$run_pid" 2>/dev/null
  if [ -d "$root" ]; then
    for id in $(ocirun list -q 2>/dev/null); do ocirun delete --force "$id" >/dev/null 2>&1; done
  fi
  [ -n "$receiver_pid" ] && kill "$receiver_pid" 2>/dev/null && wait "$receiver_pid" 2>/dev/null
  for h in $(cgroup_hierarchies); do
    [ -d "$h$prefix" ] && find "$h$prefix" -depth -mindepth 0 -type d -exec rmdir {} + 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "soak: FAIL: $*" >&2; exit 1; }

# --- bundles ---------------------------------------------------------------------------------------------------
"$repo/scripts/busybox-rootfs.sh" "$work/rootfs"
# The user namespace's root is host uid 100000: it gets a copy of the rootfs that it owns.
cp -a "$work/rootfs" "$work/rootfs-userns"
chown -R 100000:100000 "$work/rootfs-userns"
make_bundle() { # NAME JQ-FILTER [ROOTFS]
  local dir=$work/$1
  mkdir -p "$dir"
  "$OCIRUN" spec --bundle "$dir"
  jq --arg rootfs "${3:-$work/rootfs}" --arg cg "/$prefix/$1" \
     '.root.path = $rootfs | .process.terminal = false | .process.args = ["sleep", "3600"]
      | .linux.cgroupsPath = $cg | '"$2" "$dir/config.json" > "$dir/config.json.new"
  mv "$dir/config.json.new" "$dir/config.json"
}
make_bundle plain '.'
make_bundle userns '.linux.namespaces += [{"type": "user"}, {"type": "cgroup"}]
  | .linux.uidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]
  | .linux.gidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]' "$work/rootfs-userns"
make_bundle limits '.linux.resources += {"memory": {"limit": 67108864}, "pids": {"limit": 64},
  "cpu": {"shares": 512, "quota": 50000, "period": 100000}}'
make_bundle seccomp '.linux.seccomp = {"defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [{"names": ["kexec_load", "open_by_handle_at", "swapon"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]}'
make_bundle tty '.process.terminal = true'
make_bundle long '.'
variants=(plain userns limits seccomp tty)

socket=$work/console.sock
python3 "$here/console-receiver.py" "$socket" > "$work/receiver.out" &
receiver_pid=$!
for _ in $(seq 100); do [ -S "$socket" ] && break; sleep 0.05; done
[ -S "$socket" ] || fail "console receiver did not start"

# --- census ----------------------------------------------------------------------------------------------------
count_fds() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }
# Processes of ours other than this shell, the receiver and their transient children: ocirun commands (their
# command line names our root) and container processes (their root is one of our rootfs).
leftover_processes() {
  local n=0 p
  for p in /proc/[0-9]*; do
    [ "${p#/proc/}" = "$$" ] || [ "${p#/proc/}" = "$receiver_pid" ] || [ "${p#/proc/}" = "$BASHPID" ] && continue
    if [[ "$(readlink "$p/root" 2>/dev/null)" == "$work/"* ]] ||
       [[ "$( { tr '\0' ' ' < "$p/cmdline"; } 2>/dev/null)" == *"--root $root"* ]]; then n=$((n + 1)); fi
  done
  echo "$n"
}
census() {
  local cgroups=0 h
  for h in $(cgroup_hierarchies); do
    [ -d "$h$prefix" ] && cgroups=$((cgroups + $(find "$h$prefix" -mindepth 1 -type d | wc -l)))
  done
  echo "mountinfo lines|$(wc -l < /proc/self/mountinfo)"
  echo "mounts naming the soak dir|$(grep -c -- "$work" /proc/self/mountinfo || true)"
  echo "cgroup dirs under /$prefix (all hierarchies)|$cgroups"
  echo "state root entries (but the seccomp cache)|$(find "$root" -mindepth 1 -maxdepth 1 ! -name .~seccomp-cache 2>/dev/null | wc -l)"
  echo "fifos under the soak dir|$(find "$work" -xdev -type p | wc -l)"
  echo "sockets under the soak dir|$(find "$work" -xdev -type s | wc -l)"
  echo "unix sockets bound in the soak dir|$(grep -c -- "$work" /proc/net/unix || true)"
  echo "ocirun and container processes|$(leftover_processes)"
  echo "zombie children of the soak|$(ps -eo stat=,ppid= | awk -v a=$$ -v b="$receiver_pid" '$1 ~ /^Z/ && ($2 == a || $2 == b)' | wc -l)"
  echo "fds of the soak shell|$(count_fds $$)"
  echo "fds of the console receiver|$(count_fds "$receiver_pid")"
}
mkdir -p "$root"
census > "$work/before"

# --- the long run ----------------------------------------------------------------------------------------------
state_of() { ocirun state "$1" 2>/dev/null | jq -r .status 2>/dev/null || echo gone; }
wait_status() { # ID STATUS
  local i
  for i in $(seq 250); do [ "$(state_of "$1")" = "$2" ] && return 0; sleep 0.02; done
  fail "$1 did not become $2 (is $(state_of "$1"))"
}
fd_table() { # PID: fd -> target, anonymous inodes without their per-instance numbers
  local fd
  for fd in /proc/$1/fd/*; do echo "${fd##*/} $(readlink "$fd" | sed -E 's/\[[0-9]+\]$//; s/(pipe|socket):.*/\1/')"; done
}
ocirun run --bundle "$work/long" soak-long < /dev/null > "$work/long.out" 2>&1 &
run_pid=$!
long_run_pid=$run_pid
wait_status soak-long running
sleep 0.2
fd_table "$run_pid" > "$work/run-fds-before"

# --- cycles ----------------------------------------------------------------------------------------------------
start=$SECONDS
deadline=$((start + minutes * 60))
done_cycles=0
for ((i = 0; i < cycles; i++)); do
  [ $SECONDS -ge $deadline ] && { echo "soak: SOAK_MINUTES=$minutes reached"; break; }
  variant=${variants[i % ${#variants[@]}]}
  id=soak-$i-$variant
  extra=()
  [ "$variant" = tty ] && extra=(--console-socket "$socket")
  # Not a command substitution: the container inherits create's stdio and would hold the pipe open.
  ocirun create --bundle "$work/$variant" "${extra[@]}" "$id" > "$work/create.out" 2>&1 < /dev/null ||
    fail "create $id: $(cat "$work/create.out")"
  out=$(ocirun start "$id" 2>&1) || fail "start $id: $out"
  pid=$(ocirun state "$id" | jq -r .pid)
  [ "$(state_of "$id")" = running ] || fail "$id is $(state_of "$id") after start"
  fds=$(ls "/proc/$pid/fd" | sort -n | tr '\n' ' ')
  [ "$fds" = "0 1 2 " ] || fail "$id: the container's process holds fds $fds"
  out=$(ocirun exec "$id" ls /proc/self/fd 2>&1 < /dev/null) || fail "exec $id: $out"
  [ "$(echo $out)" = "0 1 2 3" ] || fail "$id: an exec'd process holds fds: $out"
  if (( i % 50 == 0 )); then
    # A foreground exec's own fds, while its process runs: the same every time.
    ocirun exec "$id" sleep 1 < /dev/null > "$work/exec.out" 2>&1 &
    exec_pid=$!
    sleep 0.5
    fd_table "$exec_pid" > "$work/exec-fds"
    wait "$exec_pid" || fail "exec $id sleep: $(cat "$work/exec.out")"
    [ -e "$work/exec-fds-first" ] || cp "$work/exec-fds" "$work/exec-fds-first"
    cmp -s "$work/exec-fds" "$work/exec-fds-first" ||
      fail "$id: a foreground exec holds other fds than the first one: $(diff "$work/exec-fds-first" "$work/exec-fds")"
  fi
  out=$(ocirun kill "$id" KILL 2>&1) || fail "kill $id: $out"
  wait_status "$id" stopped
  out=$(ocirun delete "$id" 2>&1) || fail "delete $id: $out"
  done_cycles=$((done_cycles + 1))
  (( done_cycles % 100 == 0 )) && echo "soak: $done_cycles cycles, $((SECONDS - start))s"
done
elapsed=$((SECONDS - start))

fd_table "$run_pid" > "$work/run-fds-after"
[ "$(state_of soak-long)" = running ] || fail "the long run stopped: $(cat "$work/long.out")"
ocirun kill soak-long KILL
wait "$run_pid" || true
run_pid=
# `run` deletes its container once the process is gone; the receiver closes the last masters once it sees EIO.
for _ in $(seq 100); do [ -z "$(ocirun list -q)" ] && break; sleep 0.05; done
sleep 0.3
census > "$work/after"

# --- report ----------------------------------------------------------------------------------------------------
echo
echo "soak: $done_cycles cycles (${variants[*]}) in ${elapsed}s"
echo "fds of the long \`ocirun run\` (pid $long_run_pid), at the start and the end of the cycles:"
paste -d'|' "$work/run-fds-before" "$work/run-fds-after" | awk -F'|' '{ printf "  %-40s %s\n", $1, $2 }'
echo "fds of a foreground \`ocirun exec\` (the same every 50th cycle):"
sed 's/^/  /' "$work/exec-fds-first"
printf '\n%-55s %8s %8s\n' "census" before after
differ=0
while IFS='|' read -r name before && IFS='|' read -r _ after <&3; do
  mark=; [ "$before" = "$after" ] || { mark="  <-- differs"; differ=1; }
  printf '%-55s %8s %8s%s\n' "$name" "$before" "$after" "$mark"
done < "$work/before" 3< "$work/after"
cmp -s "$work/run-fds-before" "$work/run-fds-after" || fail "the long run's fds changed during the soak"
[ $differ -eq 0 ] || fail "the census differs before and after"
[ "$done_cycles" -gt 0 ] || fail "no cycle ran"
echo "soak: PASS"
