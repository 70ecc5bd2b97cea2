#!/usr/bin/env bash
# The CNI plugins of conformance/cri-e2e.sh, one script linked under two names into containerd's private
# CNI bin_dir: `loopback` (containerd's CRI always adds it) sets lo up, `cri-e2e-dummy` (the pod network of the
# conf_dir) creates an interface CNI_IFNAME in the pod's network namespace with an address of the documentation
# range 192.0.2.0/24: a `dummy` one, or where the kernel has no dummy driver a veth pair whose both ends stay in
# that namespace. Nothing is created on the host and no packet leaves the namespace.
# CNI: the command in CNI_COMMAND, the network config on stdin, the result as JSON on stdout.
set -euo pipefail
# The result is in the version of the config (libcni reads it as that version): containerd's loopback config
# says 0.3.1, ours 0.4.0; both have the same result format.
config=$(cat)
cni_version=$(sed -n 's/.*"cniVersion"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<< "$config" | head -n 1)
cni_version=${cni_version:-0.4.0}

fail() { # CODE MESSAGE: a CNI error result
  printf '{"cniVersion":"%s","code":%d,"msg":"%s"}\n' "$cni_version" "$1" "$2"
  exit 1
}

in_netns() { nsenter --net="$CNI_NETNS" "$@"; }
peer=e2e-peer # the other end of the veth pair, in the pod's namespace too

# One address per sandbox, from its id (hex), so that two pods do not report the same IP.
pod_address() { echo "192.0.2.$(( 0x${CNI_CONTAINERID:0:6} % 250 + 2 ))"; }

add() {
  local plugin=$1 address
  [ -n "${CNI_NETNS:-}" ] && [ -n "${CNI_IFNAME:-}" ] || fail 4 "CNI_NETNS and CNI_IFNAME are required"
  case $plugin in
    loopback)
      in_netns ip link set lo up || fail 11 "cannot set lo up in $CNI_NETNS"
      address=127.0.0.1/8 ;;
    *)
      address=$(pod_address)/24
      in_netns ip link add "$CNI_IFNAME" type dummy 2>/dev/null ||
        in_netns ip link add "$CNI_IFNAME" type veth peer name "$peer" ||
        fail 11 "cannot add $CNI_IFNAME in $CNI_NETNS"
      in_netns ip link set "$peer" up 2>/dev/null || true
      in_netns ip addr add "$address" dev "$CNI_IFNAME" || fail 11 "cannot add $address to $CNI_IFNAME"
      in_netns ip link set "$CNI_IFNAME" up || fail 11 "cannot set $CNI_IFNAME up" ;;
  esac
  printf '{"cniVersion":"%s","interfaces":[{"name":"%s","sandbox":"%s"}],"ips":[{"version":"4","address":"%s","interface":0}],"dns":{}}\n' \
    "$cni_version" "$CNI_IFNAME" "$CNI_NETNS" "$address"
}

del() {
  local plugin=$1
  # The interfaces go with the namespace; a namespace that is still there loses its dummy now.
  [ "$plugin" != loopback ] && [ -n "${CNI_NETNS:-}" ] && [ -e "$CNI_NETNS" ] &&
    in_netns ip link del "${CNI_IFNAME:-eth0}" 2>/dev/null
  return 0
}

plugin=$(basename "$0")
case ${CNI_COMMAND:-} in
  ADD) add "$plugin" ;;
  DEL) del "$plugin" ;;
  CHECK) ;;
  VERSION) printf '{"cniVersion":"%s","supportedVersions":["0.3.0","0.3.1","0.4.0"]}\n' "$cni_version" ;;
  *) fail 4 "unknown CNI_COMMAND '${CNI_COMMAND:-}'" ;;
esac
