#!/usr/bin/env bash
# make fuzz: afl-fuzz over the config.json / process.json parsers and validators for FUZZ_SECONDS (default 600).
# The harness is built into artifacts/fuzz, its OciRuntime.dll instrumented with sharpfuzz; afl-fuzz starts from the
# committed seed corpus. Any crash (an exception other than OciRuntimeException) or hang fails the run; the inputs
# are copied to tests/OciRuntime.Fuzz/findings/ and replayed to show the exception: make each one a unit test.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
seconds=${FUZZ_SECONDS:-600}
timeout_ms=${FUZZ_TIMEOUT_MS:-5000}
work=$repo/artifacts/fuzz
tools=$work/tools

"$repo/scripts/ensure-packages.sh" afl++
[ -x "$tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null

rm -rf "$work/bin" "$work/out"
dotnet build "$here/OciRuntime.Fuzz.csproj" -c Release -o "$work/bin" --nologo -v quiet
"$tools/sharpfuzz" "$work/bin/OciRuntime.dll"

echo "fuzzing for ${seconds}s (afl-fuzz output in $work/out)"
# The .NET host is not an afl-instrumented binary (SharpFuzz speaks the fork-server protocol itself), and the
# machine's core_pattern is not ours to change: afl only needs to see the crashes, which it does through exit status.
AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1 \
  afl-fuzz -i "$here/corpus" -o "$work/out" -t "$timeout_ms" -V "$seconds" -- "$(command -v dotnet)" "$work/bin/OciRuntime.Fuzz.dll" \
  > "$work/afl.log" 2>&1 || { tail -30 "$work/afl.log"; exit 1; }

stats=$work/out/default/fuzzer_stats
field() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
echo "run_time=$(field run_time)s execs_done=$(field execs_done) execs_per_sec=$(field execs_per_sec)" \
     "corpus_count=$(field corpus_count) edges_found=$(field edges_found) saved_crashes=$(field saved_crashes) saved_hangs=$(field saved_hangs)"

findings=()
for f in "$work"/out/default/crashes/id:* "$work"/out/default/hangs/id:*; do [ -e "$f" ] && findings+=("$f"); done
[ ${#findings[@]} -eq 0 ] && { echo "no findings"; exit 0; }
mkdir -p "$here/findings"
for f in "${findings[@]}"; do cp "$f" "$here/findings/$(basename "$(dirname "$f")")-$(sha1sum "$f" | cut -c1-12)"; done
echo "${#findings[@]} findings copied to $here/findings:"
dotnet "$work/bin/OciRuntime.Fuzz.dll" --replay "$here"/findings/* || true
exit 1
