namespace OciRuntime.Cgroups.V1;

/// <summary>Reads runc's stats from v1 controller files; a controller that is not mounted leaves its part zero.</summary>
internal sealed class V1StatsReader(CgroupFileSystem fs, IReadOnlyDictionary<string, string> dirs)
{
    // cpuacct.stat counts USER_HZ ticks, 100 per second on every Linux ABI.
    private const ulong NanosecondsPerTick = 1_000_000_000 / 100;

    public void ReadCpu(CpuStats cpu)
    {
        if (dirs.TryGetValue("cpuacct", out var acct))
        {
            if (Read(acct, "cpuacct.usage") is { } usage) cpu.Usage.Total = CgroupFileParsers.ParseUInt(usage);
            if (Read(acct, "cpuacct.usage_percpu") is { } perCpu) cpu.Usage.PerCpu = CgroupFileParsers.ParseNumberList(perCpu);
            if (Read(acct, "cpuacct.stat") is { } stat)
            {
                var values = CgroupFileParsers.ParseKeyValues(stat);
                cpu.Usage.User = values.GetValueOrDefault("user") * NanosecondsPerTick;
                cpu.Usage.Kernel = values.GetValueOrDefault("system") * NanosecondsPerTick;
            }
            if (Read(acct, "cpuacct.usage_all") is { } all) ReadUsageAll(all, cpu.Usage);
        }
        if (dirs.TryGetValue("cpu", out var cpuDir) && Read(cpuDir, "cpu.stat") is { } cpuStat)
        {
            var values = CgroupFileParsers.ParseKeyValues(cpuStat);
            cpu.Throttling.Periods = values.GetValueOrDefault("nr_periods");
            cpu.Throttling.ThrottledPeriods = values.GetValueOrDefault("nr_throttled");
            cpu.Throttling.ThrottledTime = values.GetValueOrDefault("throttled_time");
        }
    }

    /// <summary>"cpu user system" header, then one line per cpu.</summary>
    private static void ReadUsageAll(string text, CpuUsage usage)
    {
        var kernel = new List<ulong>();
        var user = new List<ulong>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3) continue;
            user.Add(CgroupFileParsers.ParseUInt(fields[1]));
            kernel.Add(CgroupFileParsers.ParseUInt(fields[2]));
        }
        usage.PerCpuKernel = kernel;
        usage.PerCpuUser = user;
    }

    public void ReadMemory(MemoryStats memory)
    {
        if (!dirs.TryGetValue("memory", out var dir)) return;
        if (Read(dir, "memory.stat") is { } stat)
        {
            memory.Raw = CgroupFileParsers.ParseKeyValues(stat);
            memory.Cache = memory.Raw.GetValueOrDefault("cache");
        }
        memory.Usage = ReadEntry(dir, "memory");
        memory.Swap = ReadEntry(dir, "memory.memsw");
        memory.Kernel = ReadEntry(dir, "memory.kmem");
        memory.KernelTcp = ReadEntry(dir, "memory.kmem.tcp");
    }

    private MemoryEntry ReadEntry(string dir, string prefix) => new()
    {
        Usage = Number(dir, $"{prefix}.usage_in_bytes"),
        Max = Number(dir, $"{prefix}.max_usage_in_bytes"),
        Failcnt = Number(dir, $"{prefix}.failcnt"),
        Limit = Number(dir, $"{prefix}.limit_in_bytes"),
    };

    public void ReadPids(PidsStats pids)
    {
        if (!dirs.TryGetValue("pids", out var dir)) return;
        pids.Current = Number(dir, "pids.current");
        var max = Number(dir, "pids.max");
        pids.Limit = max == ulong.MaxValue ? 0 : max;
    }

    /// <summary>The CFQ/BFQ accounting files when the scheduler provides them, else the throttle layer's.</summary>
    public void ReadBlkio(BlkioStats blkio)
    {
        if (!dirs.TryGetValue("blkio", out var dir)) return;
        if (fs.FileExists(Path.Join(dir, "blkio.io_service_bytes_recursive")) &&
            Entries(dir, "blkio.io_service_bytes_recursive") is { Count: > 0 } bytes)
        {
            blkio.IoServiceBytesRecursive = bytes;
            blkio.IoServicedRecursive = Entries(dir, "blkio.io_serviced_recursive");
            blkio.IoQueuedRecursive = Entries(dir, "blkio.io_queued_recursive");
            blkio.IoServiceTimeRecursive = Entries(dir, "blkio.io_service_time_recursive");
            blkio.IoWaitTimeRecursive = Entries(dir, "blkio.io_wait_time_recursive");
            blkio.IoMergedRecursive = Entries(dir, "blkio.io_merged_recursive");
            blkio.IoTimeRecursive = Entries(dir, "blkio.time_recursive");
            blkio.SectorsRecursive = Entries(dir, "blkio.sectors_recursive");
            return;
        }
        blkio.IoServiceBytesRecursive = Entries(dir, "blkio.throttle.io_service_bytes_recursive");
        blkio.IoServicedRecursive = Entries(dir, "blkio.throttle.io_serviced_recursive");
    }

    /// <summary>"MAJ:MIN Op value" or "MAJ:MIN value" lines; the "Total" line is dropped, as runc does.</summary>
    private List<BlkioEntry>? Entries(string dir, string file)
    {
        if (Read(dir, file) is not { } text) return null;
        var entries = new List<BlkioEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !fields[0].Contains(':')) continue;
            var (major, minor) = CgroupFileParsers.ParseDevice(fields[0]);
            entries.Add(fields.Length == 3
                ? new BlkioEntry(major, minor, fields[1], CgroupFileParsers.ParseUInt(fields[2]))
                : new BlkioEntry(major, minor, "", CgroupFileParsers.ParseUInt(fields[1])));
        }
        return entries;
    }

    public void ReadHugetlb(Dictionary<string, HugetlbStats> hugetlb, IEnumerable<string> pageSizes)
    {
        if (!dirs.TryGetValue("hugetlb", out var dir)) return;
        foreach (var size in pageSizes)
        {
            hugetlb[size] = new HugetlbStats
            {
                Usage = Number(dir, $"hugetlb.{size}.usage_in_bytes"),
                Max = Number(dir, $"hugetlb.{size}.max_usage_in_bytes"),
                Failcnt = Number(dir, $"hugetlb.{size}.failcnt"),
            };
        }
    }

    private string? Read(string dir, string file) => fs.TryReadFile(Path.Join(dir, file));

    private ulong Number(string dir, string file) => Read(dir, file) is { } text ? CgroupFileParsers.ParseUInt(text) : 0;
}
