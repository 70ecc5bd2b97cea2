#!/usr/bin/env bash
# Builds the OCI runtime validation suite (opencontainers/runtime-tools at a pinned commit) into CACHE_DIR and
# prints the directory to run it from. A finished build is reused: the stamp records which source it came from.
#   build-suite.sh CACHE_DIR [SOURCE]
# SOURCE is a runtime-tools directory or tarball; without it, upstream is cloned at the pinned commit.
set -euo pipefail
cache=${1:?usage: build-suite.sh CACHE_DIR [SOURCE]}
source_arg=${2:-}
commit=260e151
upstream=https://github.com/opencontainers/runtime-tools
here=$(cd "$(dirname "$0")/.." && pwd)

mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
suite=$cache/runtime-tools
stamp=$cache/runtime-tools.stamp

if [ -n "$source_arg" ]; then
  [ -e "$source_arg" ] || { echo "RUNTIME_TOOLS_SRC not found: $source_arg" >&2; exit 1; }
  source_arg=$(cd "$(dirname "$source_arg")" && pwd)/$(basename "$source_arg")
  if [ -d "$source_arg" ]; then
    # A directory can change under the same name: key the stamp on its newest file too.
    source_id="dir $source_arg $(find "$source_arg" -type f -printf '%T@\n' | sort -n | tail -1)"
  else
    source_id="tar $(sha256sum "$source_arg" | cut -d' ' -f1)"
  fi
else
  source_id="git $upstream $commit"
fi

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$source_id" ] && [ -x "$suite/runtimetest" ]; then
  echo "$suite"
  exit 0
fi

"$here/scripts/ensure-packages.sh" golang-go make tar gzip >&2
rm -rf "$suite" "$stamp"
if [ -z "$source_arg" ]; then
  "$here/scripts/ensure-packages.sh" git ca-certificates >&2
  echo "cloning $upstream at $commit" >&2
  git clone -q "$upstream" "$suite" >&2
  git -C "$suite" checkout -q "$commit" >&2
elif [ -d "$source_arg" ]; then
  cp -a "$source_arg/." "$suite/"
else
  mkdir -p "$suite"
  # The pinned tarball holds one top-level directory; strip it whatever its name.
  tar -xzf "$source_arg" -C "$suite" --strip-components=1
fi
[ -f "$suite/validation/util/test.go" ] || { echo "not a runtime-tools tree: $source_arg" >&2; exit 1; }

echo "building the validation suite in $suite" >&2
# Offline and reproducible: dependencies come from vendor/, never from the network; the build cache stays with
# the suite so a later run reuses it.
if ! (cd "$suite" && GOFLAGS=-mod=vendor GOPROXY=off GOTOOLCHAIN=local GOCACHE="$cache/go-build" \
       make COMMIT="$commit" runtimetest validation-executables) > "$cache/build.log" 2>&1; then
  tail -30 "$cache/build.log" >&2
  echo "building the validation suite failed: $cache/build.log" >&2
  exit 1
fi
echo "$source_id" > "$stamp"
echo "$suite"
