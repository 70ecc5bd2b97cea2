#!/usr/bin/env bash
# `make runc-bats`: runc's own bats integration suite (runc v1.1.5, from ../shared/runc-bats) against RUNTIME,
# checked against the committed expectation conformance/runc-bats-expected.tsv.
#   runc-bats.sh RUNTIME      (e.g. bin/ocirun, or /usr/sbin/runc to check the suite itself)
# The expectation lists the tests that may fail, one per line (FILE <TAB> TEST NAME <TAB> WHY); every other
# 'not ok', any test that never ran and any hang fails the run. A listed test that passes is reported, so the
# line can go. Knobs: RUNC_BATS_DIR (the suite, default ../shared/runc-bats from the repository), RUNC_BATS_OUT
# (results, default .tmp/runc-bats), and run.sh's own (RUNC_BATS_FILES, BATS_FILTER, STALL_TIMEOUT, ...).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
runtime=${1:?usage: runc-bats.sh RUNTIME}
case $runtime in */*) ;; *) runtime=$(command -v "$runtime") || { echo "runc-bats: runtime not found: $1" >&2; exit 2; } ;; esac
suite=${RUNC_BATS_DIR:-$repo/../shared/runc-bats}
out=${RUNC_BATS_OUT:-$repo/.tmp/runc-bats}
expected=$here/runc-bats-expected.tsv
[ -x "$suite/run.sh" ] || { echo "runc-bats: no suite at $suite (set RUNC_BATS_DIR)" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "runc-bats: the suite needs root" >&2; exit 2; }
"$repo/scripts/ensure-packages.sh" bats jq util-linux bsdutils busybox-static libseccomp2 || exit 2

rm -rf "$out" && mkdir -p "$out"
STALL_TIMEOUT=${STALL_TIMEOUT:-120} "$suite/run.sh" "$runtime" "$out" >"$out/run.log" 2>&1
rc=$?
[ -s "$out/summary.txt" ] || { echo "runc-bats: run.sh wrote no summary (exit $rc):" >&2; tail -20 "$out/run.log" >&2; exit 1; }

# FILE<TAB>NAME of each allowed failure; a run limited to some files is checked on those files only.
allowed=$(awk -F'\t' '!/^#/ && NF >= 2 { print $1 "\t" $2 }' "$expected")
awk -F'\t' -v allowed="$allowed" '
  BEGIN { n = split(allowed, a, "\n"); for (i = 1; i <= n; i++) ok_to_fail[a[i]] = 1 }
  { name = $3; hung = sub(/ # hung: .*$/, "", name); key = $1 "\t" name }
  $2 == "notok" && hung { print "HUNG\t" key; bad++; next }
  $2 == "notok" && !(key in ok_to_fail) { print "UNEXPECTED\t" key; bad++; next }
  $2 == "notok" { expected_fail++; next }
  $2 == "ok" && (key in ok_to_fail) { print "NOW-PASSES\t" key; next }
  $2 == "ok" { passed++ }
  $2 == "skip" { skipped++ }
  END {
    printf "runc-bats: %d passed, %d failed as expected, %d skipped, %d unexpected\n", passed, expected_fail, skipped, bad
    exit bad > 0
  }' "$out/results.tsv" | tee "$out/verdict.txt"
verdict=${PIPESTATUS[0]}
never=$(grep -c 'planned tests never ran' "$out/summary.txt")
if [ "$never" -gt 0 ]; then
  echo "runc-bats: tests that never ran:"; grep 'planned tests never ran' "$out/summary.txt"; verdict=1
fi
grep -q '^NOW-PASSES' "$out/verdict.txt" && echo "runc-bats: remove the NOW-PASSES lines from $expected"
sed -n '/^# FILE/,/^TOTAL/p' "$out/summary.txt"
echo "runc-bats: results in $out (FILE.tap has each failure's commands and output)"
exit "$verdict"
