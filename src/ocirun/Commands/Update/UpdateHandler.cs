using OciRuntime;
using OciRuntime.Cgroups;
using OciRuntime.Container.Lifecycle;

namespace Ocirun.Commands;

internal sealed class UpdateHandler : ICommandHandler<UpdateOptions>
{
    public int Run(GlobalOptions global, UpdateOptions options)
    {
        if (options.KernelMemoryRequested) RuntimeLog.Warn("Kernel memory settings are ignored and will be removed");
        var document = options.ResourcesPath is { } path ? UpdateRequest.ReadDocument(path, Console.In) : null;
        var source = options.ResourcesPath == "-" ? "stdin" : options.ResourcesPath ?? "resources";
        var request = UpdateRequest.From(ToFlags(options), document, source);
        ContainerUpdate.Run(global.Root, options.ContainerId, request);
        return 0;
    }

    /// <summary>The parsed flags as the library's update request takes them.</summary>
    internal static UpdateFlags ToFlags(UpdateOptions options) => new()
    {
        BlkioWeight = options.BlkioWeight,
        CpuPeriod = options.CpuPeriod,
        CpuQuota = options.CpuQuota,
        CpuShares = options.CpuShares,
        CpuRealtimePeriod = options.CpuRealtimePeriod,
        CpuRealtimeRuntime = options.CpuRealtimeRuntime,
        CpusetCpus = options.CpusetCpus,
        CpusetMems = options.CpusetMems,
        MemoryLimit = options.MemoryLimit,
        MemoryReservation = options.MemoryReservation,
        MemorySwap = options.MemorySwap,
        PidsLimit = options.PidsLimit,
        L3CacheSchema = options.L3CacheSchema,
        MemBwSchema = options.MemoryBandwidthSchema,
    };
}
