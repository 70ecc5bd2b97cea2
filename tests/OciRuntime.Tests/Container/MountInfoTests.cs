using OciRuntime.Container.Rootfs;
using Xunit;

namespace OciRuntime.Tests.Container;

public sealed class MountInfoTests
{
    private static readonly MountInfo.Entry[] Entries =
    [
        MountInfo.Parse("22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw")!,
        MountInfo.Parse("30 22 0:25 / /run rw,nosuid - tmpfs tmpfs rw")!,
        MountInfo.Parse("31 22 0:26 / /var/lib/my\\040dir rw master:3 - tmpfs tmpfs rw")!,
    ];

    [Fact]
    public void The_deepest_mount_point_holding_a_path_is_found()
    {
        Assert.Equal("/run", MountInfo.MountPointOf("/run/ocirun/c1", Entries));
        Assert.Equal("/", MountInfo.MountPointOf("/runner/x", Entries));
        Assert.Equal("/var/lib/my dir", MountInfo.MountPointOf("/var/lib/my dir/bundle", Entries));
    }

    [Fact]
    public void Shared_propagation_is_read_from_the_optional_fields()
    {
        Assert.True(MountInfo.IsShared("/", Entries));
        Assert.False(MountInfo.IsShared("/run", Entries));
        Assert.False(MountInfo.IsShared("/var/lib/my dir", Entries));
    }

    [Fact]
    public void Whole_proc_and_sysfs_mounts_outside_the_rootfs_are_found()
    {
        var entries = new[]
        {
            "22 1 254:0 / / rw - ext4 /dev/vda rw",
            "23 22 0:5 / /proc rw - proc proc rw",
            "24 22 0:6 / /sys rw - sysfs sysfs rw",
            "25 23 0:7 / /proc/sys/fs/binfmt_misc rw - binfmt_misc binfmt_misc rw",
            "26 22 0:5 /sys /var/proc-sys ro - proc proc rw",
            "27 22 0:8 / /run/b/rootfs/proc rw - proc proc rw",
            "28 22 0:6 / /run/b/rootfs-other/sys rw - sysfs sysfs rw",
        }.Select(line => MountInfo.Parse(line)!);

        Assert.Equal(["/proc", "/sys", "/run/b/rootfs-other/sys"], MountInfo.WholeProcAndSysfsOutside("/run/b/rootfs", entries));
    }
}
