#!/usr/bin/env bash
# Prints the conformance report: per test file the TAP ok / not ok counts of every runtime side by side, totals,
# and the first runtime's counts against the expectation. Exits 1 when a file of the first runtime has more
# `not ok` or fewer `ok` than expected (a regression), 0 otherwise.
#   report.sh EXPECTED.tsv RESULTS_DIR LABEL...
# RESULTS_DIR/LABEL/summary.tsv: file ok notok skip rc status leaks milliseconds [first-run ok/notok] (tab-separated,
# one line a file; status is done, timeout, budget (not run: the time budget was spent), or flaky when a regressed
# file met the expectation on a second run).
set -euo pipefail
expected=${1:?usage: report.sh EXPECTED.tsv RESULTS_DIR LABEL...}
results=${2:?}
shift 2
[ $# -ge 1 ] || { echo "report.sh: no runtime label" >&2; exit 2; }
summaries=()
for label in "$@"; do summaries+=("$results/$label/summary.tsv"); done
[ -f "$expected" ] || expected=/dev/null

awk -F'\t' -v labels="$*" '
  # expected.tsv: file ok notok [flaky]; comments and blank lines ignored
  FILENAME == ARGV[1] { if ($0 !~ /^#/ && NF >= 3) { eok[$1] = $2; enot[$1] = $3; known[$1] = 1; eflaky[$1] = ($4 == "flaky") }; next }
  FNR == 1 { r++ }
  {
    f = $1; if (!(f in seen)) { seen[f] = 1; order[++n] = f }
    ok[r, f] = $2; notok[r, f] = $3; skip[r, f] = $4; rc[r, f] = $5; status[r, f] = $6; leaks[r, f] = $7; first[r, f] = $9
    tok[r] += $2; tnot[r] += $3; tskip[r] += $4; tfiles[r] += ($6 != "budget"); tms[r] += $8
    if ($2 > 0 && $3 == 0 && $5 == 0) tclean[r]++
    if ($6 == "timeout") ttimeout[r]++
    if ($7 > 0) tleaky[r]++
  }
  function cell(r, f,   s) {
    if (!((r, f) in ok)) return "-"
    s = ok[r, f] "/" notok[r, f]
    if (skip[r, f] > 0) s = s " skip=" skip[r, f]
    if (rc[r, f] != 0) s = s " rc=" rc[r, f]
    if (status[r, f] == "budget") return "NOT RUN (time budget)"
    if (status[r, f] == "timeout") s = s " TIMEOUT"
    if (status[r, f] == "flaky") s = s " FLAKY"
    if (leaks[r, f] > 0) s = s " LEAK"
    return s
  }
  END {
    split(labels, lab, " ")
    printf "OCI runtime validation suite (runtime-tools 260e151): TAP ok/not ok per test file\n\n"
    printf "%-32s", "file"
    for (i = 1; i <= r; i++) printf "  %-22s", lab[i]
    printf "  %-10s  %s\n", "expected", lab[1] " vs expected"
    for (k = 1; k <= n; k++) {
      f = order[k]
      printf "%-32s", f
      for (i = 1; i <= r; i++) printf "  %-22s", cell(i, f)
      e_ok = (f in known) ? eok[f] : 0; e_not = (f in known) ? enot[f] : 0
      verdict = "same"
      if (!((1, f) in ok) || status[1, f] == "budget") verdict = "not run"
      else if (ok[1, f] < e_ok || notok[1, f] > e_not) {
        verdict = "REGRESSION"; regressions[++nreg] = sprintf("%s: ok %d -> %d, not ok %d -> %d", f, e_ok, ok[1, f], e_not, notok[1, f])
      } else if (eflaky[f] && (ok[1, f] > e_ok || notok[1, f] < e_not)) {
        verdict = "above (known flaky)"
      } else if (ok[1, f] > e_ok || notok[1, f] < e_not) {
        verdict = "improved"; improvements[++nimp] = sprintf("%s: ok %d -> %d, not ok %d -> %d", f, e_ok, ok[1, f], e_not, notok[1, f])
      }
      if (status[1, f] == "flaky") {
        verdict = verdict ", FLAKY: first run " first[1, f]
        flaky[++nflaky] = sprintf("%s: first run %s (ok/not ok), second %d/%d", f, first[1, f], ok[1, f], notok[1, f])
      }
      if (!(f in known)) verdict = verdict " (not in expected.tsv)"
      printf "  %-10s  %s\n", (f in known) ? e_ok "/" e_not : "-", verdict
    }
    printf "\n%-32s", "TOTAL ok/not ok"
    for (i = 1; i <= r; i++) printf "  %-22s", tok[i] "/" tnot[i]
    printf "\n%-32s", "files run / all ok"
    for (i = 1; i <= r; i++) printf "  %-22s", tfiles[i] " / " tclean[i] + 0
    printf "\n%-32s", "skipped tests"
    for (i = 1; i <= r; i++) printf "  %-22s", tskip[i] + 0
    printf "\n%-32s", "files timed out"
    for (i = 1; i <= r; i++) printf "  %-22s", ttimeout[i] + 0
    printf "\n%-32s", "files leaving leftovers"
    for (i = 1; i <= r; i++) printf "  %-22s", tleaky[i] + 0
    printf "\n%-32s", "time in test files"
    for (i = 1; i <= r; i++) printf "  %-22s", sprintf("%.0fs", tms[i] / 1000)
    printf "\n\n"
    for (i = 1; i <= nreg; i++) printf "REGRESSION %s\n", regressions[i]
    for (i = 1; i <= nimp; i++) printf "improved   %s\n", improvements[i]
    for (i = 1; i <= nflaky; i++) printf "FLAKY      %s: regressed, then met the expectation when run again\n", flaky[i]
    if (nreg > 0) printf "\n%s: %d file(s) regressed against conformance/expected.tsv\n", lab[1], nreg
    else printf "%s: no regression against conformance/expected.tsv\n", lab[1]
    if (nimp > 0) printf "%s improved on %d file(s): raise conformance/expected.tsv in the same commit (make conformance UPDATE=1)\n", lab[1], nimp
    exit (nreg > 0 ? 1 : 0)
  }
' "$expected" "${summaries[@]}"
