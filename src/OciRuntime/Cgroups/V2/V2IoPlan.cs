using System.Globalization;
using OciRuntime.Cgroups.Resources;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.V2;

/// <summary>
/// linux.resources.blockIO in a cgroup2 directory, as runc 1.1: with the BFQ scheduler's io.bfq.weight the weight
/// is written as is (BFQ uses blkio's 1-1000 scale) and per-device weights go there too; without it the weight is
/// converted for io.weight and per-device weights cannot be set. Throttles become io.max lines.
/// </summary>
public static class V2IoPlan
{
    public const string BfqWeight = "io.bfq.weight";

    public static void Plan(LinuxBlockIO? blockIo, CgroupTarget target)
    {
        if (blockIo is null) return;
        if (blockIo.LeafWeight is not (null or 0))
            RuntimeLog.Warn("linux.resources.blockIO.leafWeight ignored: cgroup v2 has no leaf weight");
        var weight = blockIo.Weight ?? 0;
        var deviceWeights = (blockIo.WeightDevice ?? []).Where(d => d.Weight is not (null or 0)).ToList();
        var bfq = (weight != 0 || deviceWeights.Count > 0) && target.Has(BfqWeight);

        if (weight != 0)
        {
            if (bfq) target.Write(BfqWeight, weight);
            else target.Write("io.weight", V2Conversions.BlkioWeightToIoWeight(weight));
        }
        if (bfq)
        {
            foreach (var device in deviceWeights)
                target.Write(BfqWeight, $"{Device(device.Major, device.Minor)} {device.Weight!.Value.ToString(CultureInfo.InvariantCulture)}");
        }
        else if (deviceWeights.Count > 0)
        {
            RuntimeLog.Warn("linux.resources.blockIO.weightDevice ignored: per-device weights need the BFQ I/O scheduler (io.bfq.weight)");
        }

        Throttle(blockIo.ThrottleReadBpsDevice, "rbps", target);
        Throttle(blockIo.ThrottleWriteBpsDevice, "wbps", target);
        Throttle(blockIo.ThrottleReadIopsDevice, "riops", target);
        Throttle(blockIo.ThrottleWriteIopsDevice, "wiops", target);
    }

    private static void Throttle(List<LinuxThrottleDevice>? devices, string key, CgroupTarget target)
    {
        foreach (var device in devices ?? [])
            target.Write("io.max", $"{Device(device.Major, device.Minor)} {key}={device.Rate.ToString(CultureInfo.InvariantCulture)}");
    }

    private static string Device(long major, long minor) => string.Create(CultureInfo.InvariantCulture, $"{major}:{minor}");
}
