#!/usr/bin/env bash
# Rewrites the expectation from a run: each file that ran gets the counts it had; files that did not run (a run
# limited with FILES) keep theirs. A row marked `flaky` (4th column) only ever goes down: it keeps the fewest ok
# and the most not ok of the old expectation and this run, so one lucky run cannot make it fail later.
#   update-expected.sh EXPECTED.tsv SUMMARY.tsv
set -euo pipefail
expected=${1:?usage: update-expected.sh EXPECTED.tsv SUMMARY.tsv}
summary=${2:?}
[ -f "$expected" ] || : > "$expected"
tmp=$(mktemp)
{
  cat <<'H'
# Expected TAP counts of bin/ocirun per runtime-tools validation file: file, ok, not ok [, flaky].
# `make conformance` fails when a file has fewer ok or more not ok than this. When ocirun passes more, raise the
# counts in the same commit: `make conformance UPDATE=1`. Rows marked flaky (racy tests) only go down on UPDATE;
# raise them by hand to the worst result seen over several runs. See conformance/README.md.
H
  awk -F'\t' -v OFS='\t' '
    FILENAME == ARGV[1] {
      if ($0 !~ /^#/ && NF >= 3) { ok[$1] = $2; notok[$1] = $3; flaky[$1] = ($4 == "flaky") }
      next
    }
    {
      if ($1 in flaky && flaky[$1]) { if ($2 < ok[$1]) ok[$1] = $2; if ($3 > notok[$1]) notok[$1] = $3 }
      else { ok[$1] = $2; notok[$1] = $3 }
    }
    END { for (f in ok) print f, ok[f], notok[f] (flaky[f] ? OFS "flaky" : "") }
  ' "$expected" "$summary" | sort
} > "$tmp"
mv "$tmp" "$expected"
chmod 0644 "$expected"
