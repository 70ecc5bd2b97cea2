using OciRuntime.Linux;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups;

/// <summary>
/// What <c>update</c> asks for, built as runc 1.1's update.go builds it: from <c>--resources FILE|-</c> when given
/// (the other resource flags are then ignored, as runc documents), else from the flags. Only the values runc's
/// update passes on survive (memory limit/reservation/swap/kernel/kernelTCP/checkBeforeUpdate, every cpu value,
/// blockIO weight, pids limit, unified); zero and empty mean "leave as is" (<see cref="CgroupManager.Update"/>).
/// The Intel RDT schemas come from their flags either way.
/// </summary>
public sealed record UpdateRequest(LinuxResources Resources, string? L3CacheSchema, string? MemBwSchema)
{
    /// <param name="resourcesJson">The text of the <c>--resources</c> document, null when the flag was not given.</param>
    /// <param name="source">Names the document in error messages (the file, or "stdin").</param>
    public static UpdateRequest From(UpdateFlags flags, string? resourcesJson, string source = "resources")
    {
        var resources = resourcesJson is null
            ? FromFlags(flags)
            : KeepUpdatable(SpecSerializer.DeserializeResources(resourcesJson, source));
        // Unlimited memory with swap left out means unlimited swap too (runc's v1 compatibility rule).
        if (resources.Memory is { Limit: -1, Swap: null } memory) memory.Swap = -1;
        return new UpdateRequest(resources, flags.L3CacheSchema, flags.MemBwSchema);
    }

    /// <summary>The <c>--resources</c> argument's text: the file, or standard input for "-".</summary>
    public static string ReadDocument(string pathOrDash, TextReader stdin)
    {
        if (pathOrDash == "-") return stdin.ReadToEnd();
        try
        {
            return FileText.Read(pathOrDash);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OciRuntimeException($"--resources: {e.Message}", e);
        }
    }

    private static LinuxResources FromFlags(UpdateFlags flags) => new()
    {
        Memory = new LinuxMemory
        {
            Limit = flags.MemoryLimit,
            Reservation = flags.MemoryReservation,
            Swap = flags.MemorySwap,
            Kernel = flags.KernelMemory,
            KernelTcp = flags.KernelMemoryTcp,
        },
        Cpu = new LinuxCpu
        {
            Shares = flags.CpuShares,
            Quota = flags.CpuQuota,
            Period = flags.CpuPeriod,
            RealtimeRuntime = flags.CpuRealtimeRuntime,
            RealtimePeriod = flags.CpuRealtimePeriod,
            Cpus = flags.CpusetCpus,
            Mems = flags.CpusetMems,
        },
        BlockIO = new LinuxBlockIO { Weight = flags.BlkioWeight },
        // runc 1.1's update: --pids-limit 0 (its default) leaves the limit as it is.
        Pids = new LinuxPids { Limit = flags.PidsLimit is 0 ? null : flags.PidsLimit },
    };

    /// <summary>runc's update copies these fields into the container's config and nothing else.</summary>
    private static LinuxResources KeepUpdatable(LinuxResources document) => new()
    {
        Memory = document.Memory is { } memory
            ? new LinuxMemory
            {
                Limit = memory.Limit,
                Reservation = memory.Reservation,
                Swap = memory.Swap,
                Kernel = memory.Kernel,
                KernelTcp = memory.KernelTcp,
                CheckBeforeUpdate = memory.CheckBeforeUpdate,
            }
            : null,
        Cpu = document.Cpu,
        BlockIO = document.BlockIO is { } blockIo ? new LinuxBlockIO { Weight = blockIo.Weight } : null,
        // As --pids-limit: a 0 in runc 1.1's update document leaves the limit as it is (create's 0 is a limit).
        Pids = document.Pids is { Limit: not 0 } ? document.Pids : null,
        Unified = document.Unified,
    };
}
