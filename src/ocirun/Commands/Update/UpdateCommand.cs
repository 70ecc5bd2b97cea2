using Ocirun.Cli;
using Ocirun.Cli.Values;

namespace Ocirun.Commands;

internal sealed class UpdateCommand : CommandSyntax<UpdateOptions>
{
    public override string Name => "update";
    public override string Summary => "update container resource constraints";
    public override string ArgumentsUsage => SharedFlagUsage.ContainerIdUsage;
    public override string Description =>
        "Changes the resource limits of a running container. --resources takes OCI LinuxResources JSON, e.g.\n" +
        "{\"memory\": {\"limit\": 536870912}, \"cpu\": {\"shares\": 512}}; values left out stay as they are,\n" +
        "and the other flags are then ignored. Memory sizes take units: 512m, 1.5g, 4096.";

    protected override IReadOnlyList<Flag<UpdateOptions>> Flags { get; } =
    [
        Flag<UpdateOptions>.Value("resources", "r", "file with the resources to set as JSON, or '-' for stdin", (o, v) => o.ResourcesPath = v.Length == 0 ? null : v),
        Flag<UpdateOptions>.Integer("blkio-weight", null, "block IO weight, 10 to 1000", (o, v) => o.BlkioWeight = BlkioWeight(v), defaultText: "0"),
        Flag<UpdateOptions>.Value("cpu-period", null, "CPU CFS period in microseconds; 0 for the system default", (o, v) => o.CpuPeriod = Unsigned(v)),
        Flag<UpdateOptions>.Value("cpu-quota", null, "CPU CFS quota in microseconds per period", (o, v) => o.CpuQuota = Signed(v)),
        Flag<UpdateOptions>.Value("cpu-share", null, "CPU shares (weight relative to other containers)", (o, v) => o.CpuShares = Unsigned(v)),
        Flag<UpdateOptions>.Value("cpu-rt-period", null, "CPU realtime period in microseconds; 0 for the system default", (o, v) => o.CpuRealtimePeriod = Unsigned(v)),
        Flag<UpdateOptions>.Value("cpu-rt-runtime", null, "CPU realtime runtime in microseconds per period", (o, v) => o.CpuRealtimeRuntime = Signed(v)),
        Flag<UpdateOptions>.Value("cpuset-cpus", null, "CPUs to use, e.g. 0-3,6", (o, v) => o.CpusetCpus = NullIfEmpty(v)),
        Flag<UpdateOptions>.Value("cpuset-mems", null, "memory nodes to use, e.g. 0,1", (o, v) => o.CpusetMems = NullIfEmpty(v)),
        Flag<UpdateOptions>.Value("kernel-memory", null, "obsolete, ignored", (o, v) => o.KernelMemoryRequested |= v.Length > 0, hidden: true),
        Flag<UpdateOptions>.Value("kernel-memory-tcp", null, "obsolete, ignored", (o, v) => o.KernelMemoryRequested |= v.Length > 0, hidden: true),
        Flag<UpdateOptions>.Value("memory", null, "memory limit in bytes (512m, 1g, ...); -1 for unlimited", (o, v) => o.MemoryLimit = Memory(v)),
        Flag<UpdateOptions>.Value("memory-reservation", null, "memory soft limit in bytes (512m, 1g, ...)", (o, v) => o.MemoryReservation = Memory(v)),
        Flag<UpdateOptions>.Value("memory-swap", null, "memory plus swap limit in bytes (512m, 1g, ...); -1 for unlimited swap", (o, v) => o.MemorySwap = Memory(v)),
        Flag<UpdateOptions>.Integer("pids-limit", null, "maximum number of processes in the container; -1 for unlimited", (o, v) => o.PidsLimit = v, defaultText: "0"),
        Flag<UpdateOptions>.Value("l3-cache-schema", null, "Intel RDT/CAT L3 cache schema", (o, v) => o.L3CacheSchema = NullIfEmpty(v)),
        Flag<UpdateOptions>.Value("mem-bw-schema", null, "Intel RDT/MBA memory bandwidth schema", (o, v) => o.MemoryBandwidthSchema = NullIfEmpty(v)),
    ];

    protected override ArgumentCount Arguments => ArgumentCount.Exactly(1);

    protected override UpdateOptions NewOptions() => new();

    protected override void BindArguments(UpdateOptions options, IReadOnlyList<string> arguments) => options.ContainerId = arguments[0];

    protected override ICommandHandler<UpdateOptions> CreateHandler() => new UpdateHandler();

    // runc treats an empty value of its string-typed limit flags as "not given".
    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static ulong? Unsigned(string text) => text.Length == 0 ? null : GoInteger.ParseUInt64(text, 10);

    private static long? Signed(string text) => text.Length == 0 ? null : GoInteger.ParseInt64(text, 10);

    private static long? Memory(string text) => text switch
    {
        "" => null,
        "-1" => -1,
        _ => MemorySize.Parse(text),
    };

    private static ushort? BlkioWeight(long value) => value switch
    {
        0 => null,
        >= 1 and <= ushort.MaxValue => (ushort)value,
        _ => throw new InvalidValueException("must be a weight from 10 to 1000"),
    };
}
