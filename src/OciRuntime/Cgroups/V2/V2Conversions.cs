using System.Globalization;

namespace OciRuntime.Cgroups.V2;

/// <summary>
/// The spec's resource values are cgroup v1 shaped; these turn them into cgroup2 values with runc 1.1's
/// formulas, so a config behaves the same under runc and ocirun. Zero means "not set" throughout.
/// </summary>
public static class V2Conversions
{
    public const ulong DefaultCpuPeriod = 100_000;

    /// <summary>cpu.shares [2, 262144] mapped linearly onto cpu.weight [1, 10000].</summary>
    public static ulong CpuSharesToWeight(ulong shares)
    {
        if (shares == 0) return 0;
        shares = Math.Clamp(shares, 2, 262_144);
        return 1 + (shares - 2) * 9999 / 262_142;
    }

    /// <summary>blkio.weight [10, 1000] mapped linearly onto io.weight [1, 10000].</summary>
    public static ulong BlkioWeightToIoWeight(ulong weight)
    {
        if (weight == 0) return 0;
        weight = Math.Clamp(weight, 10, 1000);
        return 1 + (weight - 10) * 9999 / 990;
    }

    /// <summary>
    /// v1's swap limit is memory+swap; v2's memory.swap.max is swap alone. -1 stays "unlimited", 0 "unset",
    /// and an unlimited memory with swap unset means unlimited swap too (runc's compatibility rule).
    /// </summary>
    public static long MemorySwapToSwapMax(long memorySwap, long memory)
    {
        if (memory == -1 && memorySwap == 0) return -1;
        if (memorySwap is -1 or 0) return memorySwap;
        if (memory is 0 or -1)
            throw new OciRuntimeException("linux.resources.memory.swap: a swap limit needs a memory limit");
        if (memory < 0)
            throw new OciRuntimeException($"linux.resources.memory.limit: invalid value {memory}");
        if (memorySwap < memory)
            throw new OciRuntimeException("linux.resources.memory.swap: memory+swap limit must be >= the memory limit");
        return memorySwap - memory;
    }

    /// <summary>"QUOTA PERIOD" for cpu.max; a missing or negative quota is "max", a missing period the default.</summary>
    public static string? CpuMax(long quota, ulong period)
    {
        if (quota == 0 && period == 0) return null;
        var quotaText = quota > 0 ? quota.ToString(CultureInfo.InvariantCulture) : "max";
        return $"{quotaText} {(period == 0 ? DefaultCpuPeriod : period).ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>A limit in a v2 file: -1 is "max", 0 is not written (null).</summary>
    public static string? Limit(long value) => value switch
    {
        0 => null,
        -1 => "max",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };
}
