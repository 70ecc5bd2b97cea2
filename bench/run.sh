#!/usr/bin/env bash
# `make bench`: ocirun side by side with runc and crun (when installed), samples interleaved round-robin in one run
# on the same busybox bundle, each runtime with its own --root. Prints medians and ratios to ocirun.
#
# Method (issue 9): every latency sample follows an idle gap, because the first write to a v1 cgroup.procs after a
# pause waits for an RCU grace period (~20 ms) and samples would otherwise depend on the one before. CPU time is
# user+sys of the whole process tree the command waited for (bench/measure.c), plus for `create` the CPU of the
# init it leaves behind; it is the steadiest figure on a shared machine. On a hybrid cgroup host crun needs cgroup2
# hidden, so every runtime runs in one private mount namespace without /sys/fs/cgroup/unified: the same conditions
# for all.
#
# Knobs: N (samples per latency metric, 20), TP_ROUNDS (throughput rounds, 3), TP_COUNT (containers per round, 50),
# TP_PARALLEL (8), VERSION_RUNS (hyperfine runs of --version, 50), GAP (idle gap in s, 0.1), SETTLE (s in `created`
# before its memory is read, 0.3), OCIRUN (binary),
# RUNTIMES (subset and order, default "ocirun runc crun"; absent ones are skipped), STATE_ON_DISK (1: no tmpfs).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-20}
TP_ROUNDS=${TP_ROUNDS:-3}
TP_COUNT=${TP_COUNT:-50}
TP_PARALLEL=${TP_PARALLEL:-8}
VERSION_RUNS=${VERSION_RUNS:-50}
GAP=${GAP:-0.1}
SETTLE=${SETTLE:-0.3}
OCIRUN=${OCIRUN:-$here/bin/ocirun}
RUNTIMES=${RUNTIMES:-ocirun runc crun}

if [ -z "${OCIRUN_BENCH_NAMESPACE:-}" ]; then
  [ "$(id -u)" -eq 0 ] || { echo "bench: must run as root" >&2; exit 1; }
  "$here/scripts/ensure-packages.sh" hyperfine jq busybox-static
  hide=:
  mountpoint -q /sys/fs/cgroup/unified && hide='umount /sys/fs/cgroup/unified'
  exec unshare -m --propagation private env OCIRUN_BENCH_NAMESPACE=1 \
    sh -c "$hide && exec \"\$0\" \"\$@\"" "$0" "$@"
fi

work=$here/.tmp/bench
results=$work/results
log=$work/bench.log
states=$work/states
rm -rf "$work"; mkdir -p "$work/bundle" "$results" "$states"
: > "$log"
# State roots on tmpfs, as /run is on a normal host (this namespace's mount only): state writes are fsync'ed and
# on a busy disk an fsync costs milliseconds of wall time. STATE_ON_DISK=1 keeps them under .tmp/bench.
[ "${STATE_ON_DISK:-0}" = 1 ] || mount -t tmpfs -o mode=0700 bench-states "$states"

declare -A bin=()
runtimes=()
for rt in $RUNTIMES; do
  if [ "$rt" = ocirun ]; then path=$OCIRUN; else path=$(command -v "$rt" || true); fi
  [ -n "$path" ] && [ -x "$path" ] || { echo "bench: $rt not installed, skipped" >&2; continue; }
  bin[$rt]=$path
  runtimes+=("$rt")
done
[ -n "${bin[ocirun]:-}" ] || { echo "bench: $OCIRUN is missing (make build)" >&2; exit 1; }

measure=$work/measure
# clang is there for the NativeAOT link; cc may not be.
"${CC:-$(command -v cc || echo clang)}" -O2 -o "$measure" "$here/bench/measure.c"

# One rootfs, three configs: /bin/true, a sleeper to exec into, and /bin/true under a docker-like seccomp profile.
rootfs=$work/bundle/rootfs
"$here/scripts/busybox-rootfs.sh" "$rootfs"
(cd "$work/bundle" && "${bin[ocirun]}" spec)
# crun 1.8 rejects ociVersion 1.2.0 ("unknown version specified"); every runtime gets runc spec's version.
jq '.ociVersion = "1.0.2" | .process.terminal = false | .process.args = ["/bin/true"]' "$work/bundle/config.json" > "$work/config.json"
mv "$work/config.json" "$work/bundle/config.json"
mkdir -p "$work/sleeper" "$work/seccomp"
jq --arg rootfs "$rootfs" '.root.path = $rootfs | .process.args = ["sleep", "3600"]' \
  "$work/bundle/config.json" > "$work/sleeper/config.json"
# Engine-style allowlist: ERRNO(EPERM) by default, 357 names plus clone without namespace flags, 3 archs.
jq --arg rootfs "$rootfs" --rawfile names "$here/bench/docker-like-syscalls.txt" '
  .root.path = $rootfs
  | .linux.seccomp = {
      defaultAction: "SCMP_ACT_ERRNO", defaultErrnoRet: 1,
      architectures: ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
      syscalls: [
        {names: ($names | split("\\s+"; null) | map(select(. != ""))), action: "SCMP_ACT_ALLOW"},
        {names: ["clone"], action: "SCMP_ACT_ALLOW",
         args: [{index: 0, value: 2114060288, valueTwo: 0, op: "SCMP_CMP_MASKED_EQ"}]},
        {names: ["clone3"], action: "SCMP_ACT_ERRNO", errnoRet: 38}
      ]}' "$work/bundle/config.json" > "$work/seccomp/config.json"

rt_cmd() { local rt=$1; shift; "${bin[$rt]}" --root "$states/$rt" "$@"; }

# sample METRIC RT ARGS...: idle gap, then one measured `RT --root ... ARGS` appended to results/METRIC.RT.
sample() {
  local metric=$1 rt=$2; shift 2
  sleep "$GAP"
  "$measure" "$results/$metric.$rt" "${bin[$rt]}" --root "$states/$rt" "$@" >>"$log" 2>&1 \
    || echo "bench-failure: $metric $rt: $*" >>"$log"
}

cleanup() { rt_cmd "$1" delete --force "$2" >/dev/null 2>&1 || true; }

state_pid() { rt_cmd "$1" state "$2" 2>/dev/null | jq -r '.pid // empty' || true; }

# Rss and Pss (KiB) summed over PID and its descendants: the runtime's own processes while it waits in `created`.
memory_of() {
  local pids=("$1") i=0 rss=0 pss=0 pid child
  while [ $i -lt ${#pids[@]} ]; do
    for child in $(cat /proc/"${pids[$i]}"/task/*/children 2>/dev/null); do pids+=("$child"); done
    i=$((i + 1))
  done
  for pid in "${pids[@]}"; do
    read -r r p < <(awk '/^Rss:/ {r=$2} /^Pss:/ {p=$2} END {print r+0, p+0}' /proc/"$pid"/smaps_rollup 2>/dev/null || echo 0 0)
    rss=$((rss + r)); pss=$((pss + p))
  done
  echo "$rss $pss"
}

one_run() { sample run "$1" run --bundle "$work/bundle" "bench-$1-r-$2"; cleanup "$1" "bench-$1-r-$2"; }
one_seccomp() { sample seccomp "$1" run --bundle "$work/seccomp" "bench-$1-s-$2"; cleanup "$1" "bench-$1-s-$2"; }
one_exec() { sample exec "$1" exec "bench-$1-sleeper" /bin/true; }
# The init that `create` leaves waiting did part of the work (crun builds the whole root there, ocirun little),
# and no process of the measured tree reaps it, so wait4 never counts it: its CPU so far (schedstat, ns) is added
# to the last create sample of RT.
add_init_cpu() {
  local rt=$1 pid=$2 file=$results/create.$1 ns
  [ -n "$pid" ] && [ "$pid" != 0 ] && [ -s "$file" ] || return 0
  ns=$(cut -d' ' -f1 /proc/"$pid"/schedstat 2>/dev/null) || return 0
  awk -v us=$((ns / 1000)) 'NR > 1 {print prev} {prev = $0} END {split(prev, f, " "); print f[1], f[2] + us, f[3], f[4]}' \
    "$file" > "$file.new" && mv "$file.new" "$file"
}

one_lifecycle() {
  local rt=$1 id=bench-$1-c-$2 pid
  sample create "$rt" create --bundle "$work/bundle" "$id"
  pid=$(state_pid "$rt" "$id")
  add_init_cpu "$rt" "$pid"
  # Memory of a container that sits in `created` (a node may hold many): measured once it has settled, after
  # SETTLE seconds; ocirun's init gives back its clean pages once it has waited 100 ms.
  sleep "$SETTLE"
  [ -n "$pid" ] && [ "$pid" != 0 ] && echo "$(memory_of "$pid")" >> "$results/memory.$rt"
  sample start "$rt" start "$id"
  sample delete "$rt" delete "$id"
  cleanup "$rt" "$id"
}
one_throughput() {
  local rt=$1 round=$2
  sleep "$GAP"
  seq "$TP_COUNT" > "$work/ids"
  "$measure" "$results/throughput.$rt" xargs -P "$TP_PARALLEL" -I{} \
    "${bin[$rt]}" --root "$states/$rt" run --bundle "$work/bundle" "bench-$rt-t-$round-{}" < "$work/ids" >>"$log" 2>&1 \
    || echo "bench-failure: throughput $rt round $round" >>"$log"
  for i in $(seq "$TP_COUNT"); do cleanup "$rt" "bench-$rt-t-$round-$i"; done
}

# Whatever happens, leave no container (nor its cgroups) behind.
delete_all() {
  local rt id
  for rt in "${runtimes[@]}"; do
    for id in $(rt_cmd "$rt" list -q 2>/dev/null); do cleanup "$rt" "$id"; done
  done
}
trap delete_all EXIT

echo "bench: ${runtimes[*]}; N=$N samples, ${GAP}s idle gap; log $log" >&2
for rt in "${runtimes[@]}"; do
  mkdir -p "$states/$rt"
  rt_cmd "$rt" create --bundle "$work/sleeper" "bench-$rt-sleeper" >>"$log" 2>&1
  rt_cmd "$rt" start "bench-$rt-sleeper" >>"$log" 2>&1 || { tail -5 "$log" >&2; echo "bench: $rt cannot start a container" >&2; exit 1; }
  # Warm-up, not recorded: page cache, and ocirun's compiled-seccomp cache under its root.
  rt_cmd "$rt" run --bundle "$work/bundle" "bench-$rt-warm" >>"$log" 2>&1 || true; cleanup "$rt" "bench-$rt-warm"
  rt_cmd "$rt" run --bundle "$work/seccomp" "bench-$rt-warm" >>"$log" 2>&1 || true; cleanup "$rt" "bench-$rt-warm"
done
for i in $(seq "$N"); do
  printf '\rbench: sample %d/%d' "$i" "$N" >&2
  for step in one_run one_lifecycle one_exec one_seccomp; do
    for rt in "${runtimes[@]}"; do "$step" "$rt" "$i"; done
  done
done
for round in $(seq "$TP_ROUNDS"); do
  printf '\rbench: throughput round %d/%d' "$round" "$TP_ROUNDS" >&2
  for rt in "${runtimes[@]}"; do one_throughput "$rt" "$round"; done
done
echo >&2
delete_all

version_cmds=()
for rt in "${runtimes[@]}"; do version_cmds+=("${bin[$rt]} --version"); done
hyperfine -N --warmup 5 --runs "$VERSION_RUNS" --export-json "$work/version.json" "${version_cmds[@]}" >>"$log" 2>&1

# median FILE COLUMN [SCALE]: median of a column over successful samples (status column 4 is 0), divided by SCALE.
median() {
  [ -s "$1" ] || { echo "-"; return; }
  awk -v c="$2" '$4 == "" || $4 == 0 {print $c}' "$1" | sort -g |
    awk -v s="${3:-1}" '{v[NR] = $1} END {if (!NR) {print "-"; exit}
      m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.4g\n", m / s}'
}
declare -A value=()
for rt in "${runtimes[@]}"; do
  for m in run create start delete exec seccomp; do
    value[$m-wall.$rt]=$(median "$results/$m.$rt" 1 1000)
    value[$m-cpu.$rt]=$(median "$results/$m.$rt" 2 1000)
  done
  value[create-peak.$rt]=$(median "$results/create.$rt" 3 1024)
  value[memory-rss.$rt]=$(median "$results/memory.$rt" 1 1024)
  value[memory-pss.$rt]=$(median "$results/memory.$rt" 2 1024)
  value[throughput.$rt]=$(awk -v n="$TP_COUNT" '$4 == 0 {print n * 1e6 / $1, 0}' "$results/throughput.$rt" > "$work/m" && median "$work/m" 1)
  for kind in wall cpu; do
    a=${value[seccomp-$kind.$rt]} b=${value[run-$kind.$rt]}
    value[seccomp-extra-$kind.$rt]=$([ "$a" != - ] && [ "$b" != - ] && awk -v a="$a" -v b="$b" 'BEGIN {printf "%+.3g", a - b}' || echo -)
  done
  idx=$(( $(printf '%s\n' "${runtimes[@]}" | grep -nx "$rt" | cut -d: -f1) - 1 ))
  value[version-wall.$rt]=$(jq -r ".results[$idx].median * 1000 | . * 100 | round / 100" "$work/version.json")
  value[version-cpu.$rt]=$(jq -r ".results[$idx] | (.user + .system) * 1000 | . * 100 | round / 100" "$work/version.json")
done

rows=(
  "run-wall|run /bin/true, wall (ms)" "run-cpu|run /bin/true, CPU user+sys (ms)"
  "create-wall|create, wall (ms)" "create-cpu|create, CPU (ms)" "start-wall|start, wall (ms)"
  "start-cpu|start, CPU (ms)" "delete-wall|delete, wall (ms)" "delete-cpu|delete, CPU (ms)"
  "exec-wall|exec /bin/true, wall (ms)" "exec-cpu|exec /bin/true, CPU (ms)"
  "throughput|$TP_COUNT containers, $TP_PARALLEL at a time (containers/s)"
  "memory-rss|memory in created, RSS (MiB)" "memory-pss|memory in created, PSS (MiB)"
  "create-peak|peak RSS of create (MiB)"
  "seccomp-wall|run with seccomp profile, wall (ms)" "seccomp-extra-wall|seccomp extra, wall (ms)"
  "seccomp-extra-cpu|seccomp extra, CPU (ms)"
  "version-wall|--version, wall (ms, hyperfine median)" "version-cpu|--version, CPU (ms, hyperfine mean)"
)
others=("${runtimes[@]:1}")
[ "${runtimes[0]}" = ocirun ] || others=("${runtimes[@]}")
{
  printf '| metric |'; for rt in "${runtimes[@]}"; do printf ' %s |' "$rt"; done
  for rt in "${others[@]}"; do [ "$rt" = ocirun ] || printf ' ocirun/%s |' "$rt"; done; echo
  printf '|---|'; for _ in "${runtimes[@]}"; do printf -- '---|'; done
  for rt in "${others[@]}"; do [ "$rt" = ocirun ] || printf -- '---|'; done; echo
  for row in "${rows[@]}"; do
    key=${row%%|*}
    printf '| %s |' "${row#*|}"
    for rt in "${runtimes[@]}"; do printf ' %s |' "${value[$key.$rt]}"; done
    for rt in "${others[@]}"; do
      [ "$rt" = ocirun ] && continue
      awk -v a="${value[$key.ocirun]}" -v b="${value[$key.$rt]}" \
        'BEGIN {if (a == "-" || b == "-" || b + 0 <= 0 || a + 0 < 0) printf " - |"; else printf " %.2f |", a / b}'
    done
    echo
  done
} | tee "$work/table.md"
failures=$(grep -c '^bench-failure:' "$log" || true)
echo "medians of $N samples (throughput: $TP_ROUNDS rounds); ratio = ocirun / other (lower is better for ocirun," \
  "except containers/s); $failures failed samples (see $log)"
