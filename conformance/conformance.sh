#!/usr/bin/env bash
# `make conformance`: runs the OCI runtime validation suite (runtime-tools) against RUNTIME, one test file at a
# time, and compares the per-file ok / not ok counts with conformance/expected.tsv. See conformance/README.md.
#
# Environment (all optional):
#   RUNTIME            runtime binary under test (default: bin/ocirun)
#   COMPARE            comma-separated runtimes (names on PATH or paths) run through the same suite, side by side
#   UPDATE=1           rewrite conformance/expected.tsv from this run's RUNTIME results instead of checking them
#   FILES              comma- or space-separated test file names (e.g. "default,state") instead of all of them
#   TIMEOUT            per-file timeout in seconds (default 120; the slowest file takes ~15 s with runc)
#   BUDGET             seconds a runtime may spend on the whole suite before its remaining files are not run and
#                      the run fails (default 1200: CI must stay bounded even if every file hangs)
#   RETRY=0            do not run a regressed file a second time (default 1: once more, to tell flaky files apart)
#   RUNTIME_TOOLS_SRC  runtime-tools source: a directory or tarball (default: the pinned tarball in ../shared
#                      when present, else a git clone of upstream)
#   CONFORMANCE_CACHE  where the suite is built and results are written (default: .tmp/conformance)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
expected_file=$here/expected.tsv

runtime=${RUNTIME:-$repo/bin/ocirun}
compare=${COMPARE:-}
update=${UPDATE:-0}
timeout_s=${TIMEOUT:-120}
budget_s=${BUDGET:-1200}
retry=${RETRY:-1}
cache=${CONFORMANCE_CACHE:-$repo/.tmp/conformance}
src=${RUNTIME_TOOLS_SRC-}
if [ -z "$src" ] && [ -f "$repo/../shared/conformance/runtime-tools-260e151.tar.gz" ]; then
  src=$repo/../shared/conformance/runtime-tools-260e151.tar.gz
fi

[ "$(id -u)" -eq 0 ] || { echo "conformance: the suite creates containers: run it as root" >&2; exit 1; }

resolve_runtime() { # NAME-OR-PATH -> absolute path
  local r=$1
  case $r in
    */*) [ -x "$r" ] || { echo "conformance: runtime not executable: $r" >&2; return 1; }
         echo "$(cd "$(dirname "$r")" && pwd)/$(basename "$r")" ;;
    *)   command -v "$r" >/dev/null || "$repo/scripts/ensure-packages.sh" "$r" >&2
         command -v "$r" || { echo "conformance: runtime not found: $r" >&2; return 1; } ;;
  esac
}

# Runtimes: the one under test first, then the comparisons. Each gets a label (its file name, made unique).
runtimes=("$(resolve_runtime "$runtime")")
IFS=', ' read -r -a extra <<< "$compare"
for r in "${extra[@]}"; do [ -n "$r" ] && runtimes+=("$(resolve_runtime "$r")"); done
labels=()
for r in "${runtimes[@]}"; do
  label=$(basename "$r"); n=2
  while [[ " ${labels[*]} " == *" $label "* ]]; do label=$(basename "$r")-$n; n=$((n + 1)); done
  labels+=("$label")
done

"$repo/scripts/ensure-packages.sh" util-linux coreutils findutils tar gzip
suite=$("$here/build-suite.sh" "$cache/build" "$src")

all_files=$(cd "$suite/validation" && ls -- */*.t | cut -d/ -f1 | sort -u)
if [ -n "${FILES:-}" ]; then
  files=$(tr ', ' '\n\n' <<< "$FILES" | sed '/^$/d' | sort -u)
  for f in $files; do grep -qx "$f" <<< "$all_files" || { echo "conformance: no test file '$f'" >&2; exit 1; }; done
else
  files=$all_files
fi

results=$cache/results
rm -rf "$results"; mkdir -p "$results"

# Everything a run could leave behind: the runtime's containers (in the private root), mounts under the private
# directories, cgroups at the suite's fixed paths or named after a container id the suite used, and the processes
# in those cgroups. Each is removed and recorded; the report shows the count per file.
cleanup_leftovers() { # RUNTIME_BIN ROOT TMP CALL_LOG HIDE_CGROUP2 -> leftover descriptions on stdout
  local bin=$1 root=$2 tmp=$3 calls=$4 hide=$5 id dir mnt pid
  for dir in "$root"/*/; do
    [ -d "$dir" ] || continue
    id=$(basename "$dir")
    echo "container $id left in the runtime root"
    CONFORMANCE_RUNTIME_BIN=$bin CONFORMANCE_RUNTIME_ROOT=$root CONFORMANCE_CALL_LOG=/dev/null \
      CONFORMANCE_HIDE_CGROUP2=$hide "$here/runtime-wrapper.sh" delete --force "$id" >/dev/null 2>&1 || true
  done
  local ids
  ids=$(awk '$2 == "create" || $2 == "run" { print $NF }' "$calls" 2>/dev/null | sort -u)
  local cgroups
  cgroups=$(find /sys/fs/cgroup -mindepth 2 -depth -type d 2>/dev/null | awk -v ids="$ids" '
    BEGIN { n = split(ids, a, "\n"); for (i = 1; i <= n; i++) if (a[i] != "") id[a[i]] = 1 }
    { k = split($0, p, "/"); if (p[k] in id || $0 ~ /\/cgrouptest(\/|$)/ || p[k] == "testdir" && seen[$0 "/cgrouptest"]) print
      seen[$0] = 1 }')
  for dir in $cgroups; do
    for pid in $(cat "$dir/cgroup.procs" 2>/dev/null); do
      echo "process $pid ($(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | cut -c1-60)) in $dir"
      kill -9 "$pid" 2>/dev/null || true
    done
  done
  for dir in $cgroups; do
    # runc (like others) creates the parents of a relative cgroupsPath and removes only the container's own
    # cgroup: empty parents at the suite's paths are residue, not a leak.
    case $dir in
      */testdir|*/testdir/cgrouptest) echo "residue: cgroup $dir" ;;
      *) echo "cgroup $dir" ;;
    esac
    for _ in 1 2 3 4 5; do rmdir "$dir" 2>/dev/null && break; sleep 0.2; done
  done
  for mnt in $(awk -v a="$tmp/" -v b="$root/" 'index($5, a) == 1 || index($5, b) == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
    echo "mount $mnt"
    umount -l "$mnt" 2>/dev/null || true
  done
  rm -rf "$root" "$tmp"
}

count() { # PATTERN FILE -> number of matching lines
  grep -cE "$1" "$2" || true
}

# Runs one test file; its outputs go to OUT/FILE.{tap,err,calls,leaks}. Sets `row`, its summary row:
# file ok notok skip rc status leaks milliseconds (tab-separated). The test runs in the background so that a
# signal to the harness interrupts the wait at once (see on_exit); test_pid is its `timeout` process.
run_file() { # LABEL BIN HIDE_CGROUP2 OUT FILE
  local label=$1 bin=$2 hide=$3 out=$4 f=$5 root tmp start rc ms ok notok skip status leaks prefix=()
  root=$cache/state/$label; tmp=$cache/tmp/$label
  [ "$hide" = 1 ] && prefix=("$here/hide-cgroup2.sh")
  mkdir -p "$root" "$tmp"; : > "$out/$f.calls"
  current=("$bin" "$root" "$tmp" "$out/$f.calls" "$hide")
  start=$(date +%s%N)
  (cd "$suite" && exec env RUNTIME="$here/runtime-wrapper.sh" TMPDIR="$tmp" CONFORMANCE_RUNTIME_BIN="$bin" \
     CONFORMANCE_RUNTIME_ROOT="$root" CONFORMANCE_CALL_LOG="$out/$f.calls" CONFORMANCE_HIDE_CGROUP2="$hide" \
     timeout -k 10 "$timeout_s" "${prefix[@]}" "./validation/$f/$f.t") > "$out/$f.tap" 2> "$out/$f.err" < /dev/null &
  test_pid=$!
  wait "$test_pid" && rc=0 || rc=$?
  test_pid=
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  cleanup_leftovers "$bin" "$root" "$tmp" "$out/$f.calls" "$hide" > "$out/$f.leaks"
  current=()
  ok=$(count '^ok ' "$out/$f.tap")
  notok=$(count '^not ok ' "$out/$f.tap")
  skip=$(count '^ok .*# ?[Ss][Kk][Ii][Pp]' "$out/$f.tap")
  status="done"; if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then status=timeout; fi
  leaks=$(grep -cv '^residue: ' "$out/$f.leaks" || true)
  row=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$f" "$ok" "$notok" "$skip" "$rc" "$status" "$leaks" "$ms")
}

print_row() { # SUMMARY_ROW [NOTE]
  local f ok notok skip rc status leaks ms
  IFS=$'\t' read -r f ok notok skip rc status leaks ms <<< "$1"
  printf '  %-32s ok=%-4s not-ok=%-3s skip=%-3s rc=%-3s %6.1fs%s%s%s\n' "$f" "$ok" "$notok" "$skip" "$rc" \
    "$(awk -v m="$ms" 'BEGIN { print m / 1000 }')" "$([ "$status" = timeout ] && echo ' TIMED OUT')" \
    "$([ "$leaks" -gt 0 ] && echo " LEFT $leaks THINGS BEHIND (see $f.leaks)")" "${2:-}"
}

regressed() { # SUMMARY_ROW -> true when it has fewer ok or more not ok than expected.tsv says
  awk -F'\t' -v row="$1" '
    BEGIN { split(row, r, "\t") }
    $0 !~ /^#/ && $1 == r[1] { found = 1; if (r[2] < $2 || r[3] > $3) bad = 1 }
    END { exit !(bad || (!found && r[3] > 0)) }' "$expected_file" 2>/dev/null
}

# Interrupted (Ctrl-C, CI timeout): stop the test file being run and remove what it has left.
current=() test_pid=
on_exit() {
  set +e
  if [ -n "$test_pid" ]; then
    echo "conformance: interrupted, stopping the test and cleaning up" >&2
    kill -TERM "$test_pid" 2>/dev/null  # timeout passes it on to the test, and kills it 10 s later if need be
    wait "$test_pid" 2>/dev/null
  fi
  [ ${#current[@]} -eq 0 ] || cleanup_leftovers "${current[@]}" >&2
  rm -rf "$cache/state" "$cache/tmp"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

over_budget=0
for i in "${!runtimes[@]}"; do
  bin=${runtimes[$i]} label=${labels[$i]}
  out=$results/$label; mkdir -p "$out"
  hide=0
  # crun refuses a hybrid cgroup host: its test files run in a namespace where the cgroup2 mount is hidden (the
  # whole file, not each runtime call, so that containers sharing the caller's mount namespace share the test's).
  if [ "$(basename "$bin")" = crun ] && grep -q ' /sys/fs/cgroup/unified cgroup2 ' /proc/self/mounts; then hide=1; fi
  echo "== $label ($bin)$([ $hide = 1 ] && echo ', cgroup2 mount hidden'): $(wc -w <<< "$files") files, timeout ${timeout_s}s each"
  run_start=$(date +%s)
  for f in $files; do
    if [ $(( $(date +%s) - run_start )) -ge "$budget_s" ]; then
      printf '%s\t0\t0\t0\t-\tbudget\t0\t0\n' "$f" >> "$out/summary.tsv"
      echo "  $f: not run, the ${budget_s}s time budget is spent"
      over_budget=1
      continue
    fi
    run_file "$label" "$bin" "$hide" "$out" "$f"
    # The suite has timing races (a few seconds' windows, processes that may exit before they are signalled):
    # a regression of the runtime under test is run once more before it counts, and shows as flaky if it passes.
    if [ "$i" -eq 0 ] && [ "$update" != 1 ] && [ "$retry" = 1 ] && regressed "$row"; then
      print_row "$row" " -> regression, running it again"
      for ext in tap err calls leaks; do mv "$out/$f.$ext" "$out/$f.first.$ext"; done
      first=$row
      run_file "$label" "$bin" "$hide" "$out" "$f"
      second=$row
      if ! regressed "$second"; then
        IFS=$'\t' read -r _ first_ok first_notok _ <<< "$first"
        row=$(awk -F'\t' -v OFS='\t' -v first="$first_ok/$first_notok" '{ $6 = "flaky"; print $0, first }' <<< "$second")
      fi
    fi
    echo "$row" >> "$out/summary.tsv"
    print_row "$row"
  done
  echo "   $label: $(( $(date +%s) - run_start ))s" | tee "$out/wall-time"
done
rm -rf "$cache/state" "$cache/tmp"

report=$results/report.txt
"$here/report.sh" "$expected_file" "$results" "${labels[@]}" > "$report" && verdict=0 || verdict=$?
[ "$update" = 1 ] && echo "(UPDATE=1: this compares with the expected.tsv that the run is about to replace)"
cat "$report"
echo "(TAP output, stderr, runtime calls and leftovers per file: $results/LABEL/FILE.{tap,err,calls,leaks})"

if [ $over_budget = 1 ]; then
  echo "conformance: the time budget of ${budget_s}s per runtime ran out before every file ran: failing" >&2
  [ "$update" = 1 ] && echo "conformance: not updating expected.tsv from an incomplete run" >&2
  exit 1
fi
if [ "$update" = 1 ]; then
  "$here/update-expected.sh" "$expected_file" "$results/${labels[0]}/summary.tsv"
  echo "conformance/expected.tsv updated from this run of ${labels[0]}: commit it with the change that caused it."
  exit 0
fi
exit "$verdict"
