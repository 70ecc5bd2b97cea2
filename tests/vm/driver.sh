#!/bin/sh
# The test driver, PID 1 of the cgroup v2 VM (busybox sh). Sets the machine up as a pure cgroup2 init would,
# runs ocirun against the real kernel and prints TAP on the console: one line per case, the plan last, so a
# crash shows as a missing plan. The host side (test-v2.sh) turns it into the test result.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
CG=/sys/fs/cgroup
B=/v2/bundles
OUT=/v2/out
n=0
failures=0

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs -o mode=0755 tmpfs /run
mount -t tmpfs -o mode=1777 tmpfs /tmp
# systemd's options: nsdelegate makes a cgroup namespace a delegation boundary.
mount -t cgroup2 -o nsdelegate cgroup2 $CG
dmesg -n 1
for c in $(cat $CG/cgroup.controllers); do echo "+$c" > $CG/cgroup.subtree_control; done
[ -f /v2/brd.ko ] && insmod /v2/brd.ko rd_nr=1 rd_size=4096 2>/dev/null
echo "# kernel $(uname -r), controllers: $(cat $CG/cgroup.subtree_control), up $(cut -d' ' -f1 /proc/uptime)s"

# ---- helpers -------------------------------------------------------------------------------------------
# A case collects its failed checks in $why; done_case prints its TAP line.
why=
fail() { why="${why:+$why; }$(echo "$*" | tr '\n' ' ')"; }
expect() { # WHAT EXPECTED ACTUAL
  [ "$3" = "$2" ] || fail "$1 is '$3', want '$2'"
}
expect_file() { # FILE EXPECTED (FILE relative to $dir)
  if [ -f "$dir/$1" ]; then expect "$1" "$2" "$(cat "$dir/$1")"; else fail "no $1"; fi
}
done_case() { # NAME [SKIP-REASON]
  n=$((n + 1))
  if [ -n "$why" ]; then
    echo "not ok $n - $1 # $why"
    failures=$((failures + 1))
  elif [ -n "$2" ]; then
    echo "ok $n - $1 # SKIP $2"
  else
    echo "ok $n - $1"
  fi
  why=
}
oci() { # ARGS...: ocirun with its output in $log and /tmp/oci.COMMAND.log (a created container's stdio)
  ocirun "$@" < /dev/null > /tmp/oci.$1.log 2>&1
  rc=$?
  log=$(cat /tmp/oci.$1.log)
  [ $rc -eq 0 ] || fail "ocirun $1 exited $rc: $log"
  return $rc
}
status_of() { ocirun state "$1" 2>/dev/null | sed -n 's/.*"status": *"\([a-z]*\)".*/\1/p'; }
pid_of() { ocirun state "$1" 2>/dev/null | sed -n 's/.*"pid": *\([0-9]*\).*/\1/p'; }
wait_for() { # SECONDS COMMAND...: polls every 0.2 s
  tries=$(($1 * 5)); shift
  while ! "$@"; do
    tries=$((tries - 1)); [ $tries -gt 0 ] || return 1
    sleep 0.2
  done
}
is_status() { [ "$(status_of "$1")" = "$2" ]; }
gone() { [ ! -e "$1" ]; }

# ---- kernel features the pinned kernel has; another kernel may not ----------------------------------------
huge_skip=
if [ ! -d /sys/kernel/mm/hugepages/hugepages-2048kB ]; then
  huge_skip="no 2 MiB huge pages in this kernel"
  sed -i 's/,"hugepageLimits":\[[^]]*\]//' $B/res/config.json
fi
ram_skip=
if [ ! -d /sys/block/ram0 ]; then
  ram_skip="no /dev/ram0 (brd) to throttle or allow"
  sed -i -e 's/,{"destination":"\/dev\/ram0"[^}]*}//' -e 's/,"throttle[A-Za-z]*Device":\[[^]]*\]//g' \
    $B/res/config.json
fi

# ---- the resource container: create, read back what the kernel took ---------------------------------------
dir=$CG/ocirun-v2/res
start=$(cut -d' ' -f1 /proc/uptime)
oci create --bundle $B/res res
expect_file memory.max 67108864
expect_file memory.low 33554432
# v1's memory+swap (96 MiB) minus memory (64 MiB)
expect_file memory.swap.max 33554432
expect_file memory.high 52428800
done_case "memory: limit, reservation, swap (v1 to v2), unified memory.high"

# shares 1024 -> weight 1 + (1024-2)*9999/262142 = 39
expect_file cpu.weight 39
expect_file cpu.max "50000 100000"
if [ -f $dir/cpu.max.burst ]; then expect_file cpu.max.burst 10000; else fail "no cpu.max.burst"; fi
expect_file cpuset.cpus 1
expect_file cpuset.mems 0
done_case "cpu: shares to weight, quota/period, burst, cpuset"

expect_file pids.max 64
# blkio weight 500 -> io.weight 1 + (500-10)*9999/990 = 4950 (no BFQ here)
if [ -f $dir/io.bfq.weight ]; then expect_file io.bfq.weight "default 500"; else expect_file io.weight "default 4950"; fi
expect_file memory.oom.group 1
done_case "pids.max, io weight, unified keys verbatim"

if [ -n "$ram_skip" ]; then
  done_case "io.max throttles on a real block device" "$ram_skip"
else
  expect_file io.max "1:0 rbps=1048576 wbps=max riops=max wiops=100"
  done_case "io.max throttles on a real block device"
fi

if [ -n "$huge_skip" ]; then
  done_case "hugetlb limit" "$huge_skip"
else
  expect_file hugetlb.2MB.max 4194304
  [ -f $dir/hugetlb.2MB.rsvd.max ] && expect_file hugetlb.2MB.rsvd.max 4194304
  done_case "hugetlb limit"
fi

pid=$(pid_of res)
if [ -z "$pid" ]; then fail "no pid in state: $(ocirun state res 2>&1)"; else
  expect "/proc/$pid/cgroup of the created init" "0::/ocirun-v2/res" "$(cat /proc/$pid/cgroup)"
  grep -qx "$pid" $dir/cgroup.procs || fail "$pid not in cgroup.procs"
fi
done_case "CLONE_INTO_CGROUP: the created init is in the container cgroup"

# ---- running: what the container itself sees ---------------------------------------------------------------
oci start res
wait_for 30 test -f $OUT/res/ready || fail "the container never got ready: $(cat /tmp/oci.create.log)"
dir=$OUT/res
expect_file null allowed
expect_file kmsg denied
grep -q "Operation not permitted" $OUT/res/kmsg.err 2>/dev/null || fail "kmsg: $(cat $OUT/res/kmsg.err 2>/dev/null)"
expect_file mem1 denied
[ -n "$ram_skip" ] || expect_file ram0 allowed
done_case "eBPF device program: /dev/null and an allowed block device open; a bound /dev/kmsg and a mknod'ed 1:1 are EPERM"

expect_file cgroup "0::/"
expect_file memory.max 67108864
grep -qx cgroup.procs $OUT/res/ls || fail "/sys/fs/cgroup inside lists no cgroup.procs"
grep -q "cgroup2 /sys/fs/cgroup cgroup2" $OUT/res/mount || fail "mount inside: $(cat $OUT/res/mount)"
# An exec'd process joins the same cgroup and namespace.
oci exec res cat /proc/self/cgroup && expect "exec's /proc/self/cgroup" "0::/" "$log"
done_case "cgroup namespace: /proc/self/cgroup is 0::/ (init and exec), /sys/fs/cgroup is the container's cgroup"

dir=$CG/ocirun-v2/res
oci events --stats res
echo "# events --stats: $(echo "$log" | cut -c1-400)"
echo "$log" | grep -q '"type":"stats"' || fail "not a stats event"
echo "$log" | grep -q '"cpu":{"usage":{"total":[1-9]' || fail "no cpu usage"
echo "$log" | grep -q '"memory":{[^}]*"usage":{"limit":67108864,"usage":[1-9]' || fail "no memory usage/limit"
echo "$log" | grep -q '"pids":{"current":[2-9],"limit":64' || fail "no pids current/limit"
done_case "events --stats: cpu, memory, pids from the v2 files"

oci update --memory 83886080 --cpu-quota 20000 --pids-limit 30 res
expect_file memory.max 83886080
expect_file cpu.max "20000 100000"
expect_file pids.max 30
# runc leaves the swap limit alone when only the memory limit changes
expect_file memory.swap.max 33554432
done_case "update: memory, cpu quota, pids limit changed live"

oci pause res
expect "state after pause" paused "$(status_of res)"
grep -qx "frozen 1" $dir/cgroup.events || fail "cgroup.events: $(cat $dir/cgroup.events)"
oci resume res
expect "state after resume" running "$(status_of res)"
grep -qx "frozen 0" $dir/cgroup.events || fail "cgroup.events after resume: $(cat $dir/cgroup.events)"
done_case "pause/resume through cgroup.freeze"

procs=$(wc -l < $dir/cgroup.procs)
[ "$procs" -ge 2 ] || fail "only $procs processes before kill --all"
oci ps --format json res && expect "ps --format json" "$(sort -n $dir/cgroup.procs | xargs)" "$(echo "$log" | tr -d '[] ' | tr ',' '\n' | sort -n | xargs)"
init=$(pid_of res)
others=$(grep -vx "$init" $dir/cgroup.procs)
# Any other signal goes through freeze, signal each, thaw: the sleeps die, the init stays, nothing stays frozen.
oci kill --all res TERM
survivors() { for p in $others; do grep -qx "$p" $dir/cgroup.procs && return 0; done; return 1; }
wait_for 10 eval '! survivors' || fail "kill --all TERM left $(survivors)"
grep -qx "$init" $dir/cgroup.procs || fail "kill --all TERM killed the init"
grep -qx "frozen 0" $dir/cgroup.events || fail "frozen after kill --all TERM: $(cat $dir/cgroup.events)"
oci kill --all res KILL
wait_for 20 is_status res stopped || fail "state after kill --all: $(status_of res)"
expect "cgroup.procs after kill --all" "" "$(cat $dir/cgroup.procs)"
done_case "ps lists the cgroup's processes; kill --all TERM (freeze, signal, thaw), kill --all KILL (cgroup.kill)"

oci delete res
gone $dir || fail "$dir still there"
gone /run/ocirun/res || fail "state dir still there"
ps -o args | grep -q '[s]leep 1000' && fail "a container process survived"
done_case "delete leaves no cgroup, state or process"
echo "# resource container: $(awk "BEGIN{print $(cut -d' ' -f1 /proc/uptime) - $start}")s"

# ---- a pre-existing frozen cgroup: refused before any process enters it (runc 1.1's check) --------------------
mkdir $CG/ocirun-v2/res && echo 1 > $CG/ocirun-v2/res/cgroup.freeze
if timeout 30 ocirun create --bundle $B/res frozen < /dev/null > /tmp/frozen.log 2>&1; then
  fail "create succeeded"
  timeout 30 ocirun delete --force frozen > /dev/null 2>&1
fi
grep -q "container's cgroup unexpectedly frozen" /tmp/frozen.log || fail "error: $(cat /tmp/frozen.log)"
expect "cgroup.procs of the frozen cgroup" "" "$(cat $CG/ocirun-v2/res/cgroup.procs)"
gone /run/ocirun/frozen || fail "the state was left behind"
echo 0 > $CG/ocirun-v2/res/cgroup.freeze && rmdir $CG/ocirun-v2/res
done_case "a pre-existing frozen cgroup (cgroup.freeze 1) is refused, nothing enters it or is left behind"

# ---- an unknown unified key ---------------------------------------------------------------------------------
if ocirun create --bundle $B/badkey badkey < /dev/null > /tmp/bad.log 2>&1; then
  fail "create succeeded"
  ocirun delete --force badkey > /dev/null 2>&1
fi
grep -q 'linux.resources.unified: "memory.bogus"' /tmp/bad.log || fail "error: $(cat /tmp/bad.log)"
gone $CG/ocirun-v2/badkey || fail "the cgroup was left behind"
gone /run/ocirun/badkey || fail "the state was left behind"
done_case "unknown unified key: a clear error, nothing left behind"

# ---- OOM, reported by events from memory.events ---------------------------------------------------------------
dir=$CG/ocirun-v2/oom
if oci create --bundle $B/oom oom; then
  timeout 120 ocirun events --interval 60s oom > /tmp/oom.events 2>&1 &
  events=$!
  sleep 1
  oci start oom
  wait $events
  grep -q '"type":"oom"' /tmp/oom.events || fail "events printed: $(cat /tmp/oom.events)"
  grep -q "oom_kill [1-9]" $dir/memory.events || fail "memory.events: $(cat $dir/memory.events)"
  oci delete --force oom
fi
done_case "OOM kill in a 16 MiB container is reported by events"

# ---- linux.memoryPolicy on two NUMA nodes ----------------------------------------------------------------------
if [ "$(cat /sys/devices/system/node/online 2>/dev/null)" = 0-1 ]; then
  oci run --bundle $B/numa numa
  expect "the program's policy" "bind:1" "$(cut -d' ' -f2 $OUT/numa/numa_maps 2>/dev/null)"
  if ocirun run --bundle $B/numabad numabad > /tmp/numabad.log 2>&1; then fail "a policy on node 2 ran"; fi
  grep -q "linux.memoryPolicy.nodes: node 2 is not online on this host (online: 0-1)" /tmp/numabad.log \
    || fail "numabad said: $(cat /tmp/numabad.log)"
  gone /run/ocirun/numabad || fail "numabad left its state"
  gone $CG/ocirun-v2/numabad || fail "numabad left its cgroup"
  done_case "memoryPolicy: bind to node 1 of two, a missing node refused with nothing left"
else
  done_case "memoryPolicy: bind to node 1 of two, a missing node refused with nothing left" "the VM has no two NUMA nodes"
fi

# ---- nested: ocirun inside a delegated subtree, as in a container with its own cgroup namespace ---------------
mkdir $CG/delegated
/v2/nested.sh > /tmp/nested.log 2>&1
while read -r line; do fail "$line"; done < /tmp/nested.log
gone $CG/delegated/nested || fail "the nested container's cgroup is left"
done_case "nested: ocirun in a delegated subtree with its own cgroup namespace; cpu.idle; delete --force while paused"
rmdir $CG/delegated/init $CG/delegated $CG/ocirun-v2 2>/dev/null

echo "1..$n"
echo "# done: $failures failed, up $(cut -d' ' -f1 /proc/uptime)s"
sync
poweroff -f
