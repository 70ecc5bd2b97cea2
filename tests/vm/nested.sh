#!/bin/sh
# ocirun inside a delegated cgroup2 subtree, as inside a container manager's container: its own cgroup and mount
# namespaces rooted at /delegated, cgroup2 mounted there, the caller moved to an /init leaf (a cgroup with
# processes cannot delegate controllers) and the container given no cgroupsPath, so it lands beside the caller
# as runc puts it. Prints one line per failed check and nothing else.
CG=/sys/fs/cgroup
if [ "$1" != inside ]; then
  echo $$ > $CG/delegated/cgroup.procs || exit
  # busybox has no cgroup namespace option: util-linux unshare
  exec /v2/unshare --cgroup --mount "$0" inside
fi

# The kernel refuses the same superblock stacked on its own mount point (EBUSY): unmount the host's view first.
umount $CG && mount -t cgroup2 cgroup2 $CG || exit
[ "$(cat /proc/self/cgroup)" = "0::/" ] || echo "cgroup namespace root is $(cat /proc/self/cgroup)"
# Still in the delegated root, which therefore cannot hand controllers to a child (no internal processes): a
# container with limits fails with the reason and leaves nothing behind, the delegated root included.
if ocirun create --bundle /v2/bundles/nested early < /dev/null > /tmp/early.create 2>&1; then
  echo "create in a cgroup with processes succeeded"
  ocirun delete --force early > /dev/null 2>&1
elif ! grep -q "controller is not enabled there" /tmp/early.create; then
  echo "create in a cgroup with processes: $(cat /tmp/early.create)"
fi
[ ! -e $CG/early ] || echo "the failed create left $CG/early"
[ ! -e /run/ocirun/early ] || echo "the failed create left its state"
[ -z "$(cat $CG/cgroup.subtree_control)" ] || echo "the failed create enabled $(cat $CG/cgroup.subtree_control) in the delegated root"
mkdir $CG/init && echo $$ > $CG/init/cgroup.procs || exit
if ! ocirun create --bundle /v2/bundles/nested nested < /dev/null > /tmp/nested.create 2>&1; then
  echo "create: $(cat /tmp/nested.create)"
  exit
fi
for controller in cpu memory pids; do
  grep -qw $controller $CG/cgroup.subtree_control || echo "$controller not enabled in the delegated root: $(cat $CG/cgroup.subtree_control)"
done
[ "$(cat $CG/nested/memory.max 2>&1)" = 33554432 ] || echo "memory.max: $(cat $CG/nested/memory.max 2>&1)"
[ "$(cat $CG/nested/pids.max 2>&1)" = 20 ] || echo "pids.max: $(cat $CG/nested/pids.max 2>&1)"
[ "$(cat $CG/nested/cpu.idle 2>&1)" = 1 ] || echo "cpu.idle: $(cat $CG/nested/cpu.idle 2>&1)"
pid=$(ocirun state nested | sed -n 's/.*"pid": *\([0-9]*\).*/\1/p')
[ "$(cat /proc/$pid/cgroup 2>&1)" = "0::/nested" ] || echo "the init's cgroup: $(cat /proc/$pid/cgroup 2>&1)"
ocirun start nested > /tmp/nested.start 2>&1 || echo "start: $(cat /tmp/nested.start)"
ocirun pause nested > /tmp/nested.pause 2>&1 || echo "pause: $(cat /tmp/nested.pause)"
# A frozen cgroup's processes cannot die until it thaws: delete --force has to see to that.
ocirun delete --force nested > /tmp/nested.delete 2>&1 || echo "delete: $(cat /tmp/nested.delete)"
[ ! -e $CG/nested ] || echo "$CG/nested is left after delete"
