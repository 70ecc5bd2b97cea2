using System.Globalization;
using OciRuntime.Cgroups.Resources;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.V1;

/// <summary>
/// linux.resources.blockIO in a v1 blkio cgroup. Weights go to the CFQ files where the kernel has them and to
/// BFQ's otherwise (kernels without CFQ), as runc 1.1 chooses.
/// </summary>
public static class V1BlkioPlan
{
    public static void Plan(LinuxBlockIO? blockIo, CgroupTarget target)
    {
        if (blockIo is null) return;
        var cfq = target.Has("blkio.weight");
        var weightFile = cfq ? "blkio.weight" : "blkio.bfq.weight";
        var weightDeviceFile = cfq ? "blkio.weight_device" : "blkio.bfq.weight_device";

        if (blockIo.Weight is { } weight and not 0) target.Write(weightFile, weight);
        if (blockIo.LeafWeight is { } leafWeight and not 0) target.Write("blkio.leaf_weight", leafWeight);
        foreach (var device in blockIo.WeightDevice ?? [])
        {
            if (device.Weight is { } w and not 0) target.Write(weightDeviceFile, $"{Device(device.Major, device.Minor)} {w}");
            if (device.LeafWeight is { } lw and not 0) target.Write("blkio.leaf_weight_device", $"{Device(device.Major, device.Minor)} {lw}");
        }
        Throttle(blockIo.ThrottleReadBpsDevice, "blkio.throttle.read_bps_device", target);
        Throttle(blockIo.ThrottleWriteBpsDevice, "blkio.throttle.write_bps_device", target);
        Throttle(blockIo.ThrottleReadIopsDevice, "blkio.throttle.read_iops_device", target);
        Throttle(blockIo.ThrottleWriteIopsDevice, "blkio.throttle.write_iops_device", target);
    }

    /// <summary>A rate of 0 removes the device's limit, so it is written like any other.</summary>
    private static void Throttle(List<LinuxThrottleDevice>? devices, string file, CgroupTarget target)
    {
        foreach (var device in devices ?? [])
            target.Write(file, $"{Device(device.Major, device.Minor)} {device.Rate.ToString(CultureInfo.InvariantCulture)}");
    }

    internal static string Device(long major, long minor) =>
        string.Create(CultureInfo.InvariantCulture, $"{major}:{minor}");
}
