#!/usr/bin/env bash
# A busybox OCI image layout in a tarball, for `ctr image import`, built offline: the root filesystem of
# scripts/busybox-rootfs.sh as one uncompressed layer, reproducible (sorted, mtime 0, owner root).
#   busybox-image.sh OUT.tar NAME [ENTRYPOINT]
# NAME is the image's name once imported (io.containerd.image.name), ENTRYPOINT the config's Entrypoint as a
# JSON array (none by default: the image runs `sh`).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: busybox-image.sh OUT.tar NAME [ENTRYPOINT]}
name=${2:?usage: busybox-image.sh OUT.tar NAME [ENTRYPOINT]}
entrypoint=${3:-}
scratch=$(mktemp -d "$(dirname "$out")/busybox-image.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
layout=$scratch/layout rootfs=$scratch/rootfs

"$here/../scripts/busybox-rootfs.sh" "$rootfs"
mkdir -p "$layout/blobs/sha256"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$rootfs" -cf "$scratch/layer.tar" .
layer_digest=$(sha256sum "$scratch/layer.tar" | cut -d' ' -f1)
layer_size=$(stat -c %s "$scratch/layer.tar")
mv "$scratch/layer.tar" "$layout/blobs/sha256/$layer_digest"

blob() { # CONTENT: stores it, prints its digest
  local digest
  digest=$(printf %s "$1" | sha256sum | cut -d' ' -f1)
  printf %s "$1" > "$layout/blobs/sha256/$digest"
  echo "$digest"
}
command='"Cmd":["sh"]'
[ -n "$entrypoint" ] && command='"Entrypoint":'$entrypoint
config='{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],'$command',"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:'$layer_digest'"]}}'
config_digest=$(blob "$config")
manifest='{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:'$config_digest'","size":'${#config}'},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:'$layer_digest'","size":'$layer_size'}]}'
manifest_digest=$(blob "$manifest")
printf '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"amd64","os":"linux"},"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"latest"}}]}' \
  "$manifest_digest" "${#manifest}" "$name" > "$layout/index.json"
tar -C "$layout" -cf "$out" oci-layout index.json blobs
