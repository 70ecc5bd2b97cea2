namespace OciRuntime.Container.Rootfs;

/// <summary>A device node to create in the container's /dev.</summary>
internal sealed record DeviceNode(string Path, char Type, long Major, long Minor, uint FileMode, uint Uid, uint Gid);

/// <summary>The devices every container gets, as runc creates them (and allows them in the device cgroup).</summary>
internal static class DefaultDevices
{
    private const uint Mode666 = 0b110_110_110;

    public static readonly IReadOnlyList<DeviceNode> All =
    [
        new("/dev/null", 'c', 1, 3, Mode666, 0, 0),
        new("/dev/zero", 'c', 1, 5, Mode666, 0, 0),
        new("/dev/full", 'c', 1, 7, Mode666, 0, 0),
        new("/dev/random", 'c', 1, 8, Mode666, 0, 0),
        new("/dev/urandom", 'c', 1, 9, Mode666, 0, 0),
        new("/dev/tty", 'c', 5, 0, Mode666, 0, 0),
    ];
}
