#!/usr/bin/env bash
# `make run`: a busybox bundle from `ocirun spec`, run in the foreground with ocirun.
set -euo pipefail
ocirun=${1:?usage: run-demo.sh PATH-TO-OCIRUN}
here=$(cd "$(dirname "$0")/.." && pwd)
bundle=$here/.tmp/demo-bundle
root=$here/.tmp/demo-state
rm -rf "$bundle"; mkdir -p "$bundle" "$root"
"$here/scripts/busybox-rootfs.sh" "$bundle/rootfs"
(cd "$bundle" && "$ocirun" spec)
# The default spec runs an interactive shell on a terminal; the demo runs a short script instead.
sed -i -e 's/"terminal": true/"terminal": false/' \
  -e 's|^\(\s*\)"sh"$|\1"sh", "-c", "echo hello from an ocirun container; echo; echo \\"pid $$ as $(id)\\"; hostname; grep -E \\"^(NoNewPrivs\|Cap(Eff\|Bnd))\\" /proc/self/status; ls /"|' \
  "$bundle/config.json"
id=demo-$$
set +e
"$ocirun" --root "$root" run --bundle "$bundle" "$id"
rc=$?
set -e
"$ocirun" --root "$root" delete --force "$id" >/dev/null 2>&1 || true
echo "container exited with $rc"
exit $rc
