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
}
