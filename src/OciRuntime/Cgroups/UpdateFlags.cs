namespace OciRuntime.Cgroups;

/// <summary>
/// The resource flags of <c>update</c> as the CLI parsed them (sizes already in bytes, -1 kept); null means the
/// flag was not given. A <c>--blkio-weight</c> or <c>--pids-limit</c> of 0 is the same as not given.
/// </summary>
public sealed record UpdateFlags
{
    public ushort? BlkioWeight { get; init; }
    public ulong? CpuPeriod { get; init; }
    public long? CpuQuota { get; init; }
    public ulong? CpuShares { get; init; }
    public ulong? CpuRealtimePeriod { get; init; }
    public long? CpuRealtimeRuntime { get; init; }
    public string? CpusetCpus { get; init; }
    public string? CpusetMems { get; init; }
    public long? KernelMemory { get; init; }
    public long? KernelMemoryTcp { get; init; }
    public long? MemoryLimit { get; init; }
    public long? MemoryReservation { get; init; }
    public long? MemorySwap { get; init; }
    public long? PidsLimit { get; init; }
    public string? L3CacheSchema { get; init; }
    public string? MemBwSchema { get; init; }
}
