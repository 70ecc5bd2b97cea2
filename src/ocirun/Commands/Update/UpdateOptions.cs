namespace Ocirun.Commands;

/// <summary>
/// <c>ocirun update [options] ID</c>: change a running container's resource limits. Null means "leave as is".
/// With <see cref="ResourcesPath"/>, the JSON there (or on stdin for "-") is used and the other flags are ignored,
/// as in runc.
/// </summary>
internal sealed class UpdateOptions : IContainerOptions
{
    public string ContainerId { get; set; } = "";

    /// <summary><c>--resources/-r</c>: a file of OCI LinuxResources JSON, or "-" for stdin.</summary>
    public string? ResourcesPath { get; set; }

    /// <summary><c>--blkio-weight</c> (10..1000 for the kernel); 0 means unchanged, as in runc.</summary>
    public ushort? BlkioWeight { get; set; }

    /// <summary><c>--cpu-period</c> in microseconds.</summary>
    public ulong? CpuPeriod { get; set; }

    /// <summary><c>--cpu-quota</c> in microseconds per period; -1 is unlimited.</summary>
    public long? CpuQuota { get; set; }

    /// <summary><c>--cpu-share</c>: relative CPU weight.</summary>
    public ulong? CpuShares { get; set; }

    /// <summary><c>--cpu-rt-period</c> in microseconds.</summary>
    public ulong? CpuRealtimePeriod { get; set; }

    /// <summary><c>--cpu-rt-runtime</c> in microseconds per period.</summary>
    public long? CpuRealtimeRuntime { get; set; }

    public string? CpusetCpus { get; set; }

    public string? CpusetMems { get; set; }

    /// <summary><c>--memory</c> in bytes ("512m" parsed); -1 is unlimited.</summary>
    public long? MemoryLimit { get; set; }

    /// <summary><c>--memory-reservation</c> (soft limit) in bytes; -1 is unlimited.</summary>
    public long? MemoryReservation { get; set; }

    /// <summary><c>--memory-swap</c>: memory plus swap in bytes; -1 is unlimited swap.</summary>
    public long? MemorySwap { get; set; }

    /// <summary><c>--pids-limit</c>; 0 means unchanged and -1 unlimited, as in runc.</summary>
    public long? PidsLimit { get; set; }

    /// <summary><c>--l3-cache-schema</c>: Intel RDT/CAT schema.</summary>
    public string? L3CacheSchema { get; set; }

    /// <summary><c>--mem-bw-schema</c>: Intel RDT/MBA schema.</summary>
    public string? MemoryBandwidthSchema { get; set; }

    /// <summary>The hidden, obsolete <c>--kernel-memory(-tcp)</c> was given: runc ignores it with a warning.</summary>
    public bool KernelMemoryRequested { get; set; }
}
