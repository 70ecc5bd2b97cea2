namespace OciRuntime.Cgroups.V2;

/// <summary>Reads runc's (v1-shaped) stats from one cgroup2 directory, converting as runc's fs2 driver does.</summary>
internal sealed class V2StatsReader(CgroupFileSystem fs, string dir)
{
    public void ReadCpu(CpuStats cpu)
    {
        if (Read("cpu.stat") is not { } text) return;
        var values = CgroupFileParsers.ParseKeyValues(text);
        cpu.Usage.Total = values.GetValueOrDefault("usage_usec") * 1000;
        cpu.Usage.User = values.GetValueOrDefault("user_usec") * 1000;
        cpu.Usage.Kernel = values.GetValueOrDefault("system_usec") * 1000;
        cpu.Throttling.Periods = values.GetValueOrDefault("nr_periods");
        cpu.Throttling.ThrottledPeriods = values.GetValueOrDefault("nr_throttled");
        cpu.Throttling.ThrottledTime = values.GetValueOrDefault("throttled_usec") * 1000;
    }

    /// <summary>v1 reports swap as memory+swap, so v2's swap figures get memory's added (runc does the same).</summary>
    public void ReadMemory(MemoryStats memory)
    {
        if (Read("memory.stat") is { } stat)
        {
            memory.Raw = CgroupFileParsers.ParseKeyValues(stat);
            memory.Cache = memory.Raw.GetValueOrDefault("file");
        }
        memory.Usage = new MemoryEntry
        {
            Usage = Number("memory.current"),
            Limit = Number("memory.max"),
            Max = Number("memory.peak"),
            Failcnt = Read("memory.events") is { } events ? CgroupFileParsers.ParseKeyValues(events).GetValueOrDefault("max") : 0,
        };
        if (fs.FileExists(Path.Join(dir, "memory.swap.current")))
        {
            var swapLimit = Number("memory.swap.max");
            memory.Swap = new MemoryEntry
            {
                Usage = Number("memory.swap.current") + memory.Usage.Usage,
                Limit = swapLimit == ulong.MaxValue || memory.Usage.Limit == ulong.MaxValue ? ulong.MaxValue : swapLimit + memory.Usage.Limit,
            };
        }
    }

    public void ReadPids(PidsStats pids)
    {
        pids.Current = Number("pids.current");
        var max = Number("pids.max");
        pids.Limit = max == ulong.MaxValue ? 0 : max;
    }

    /// <summary>io.stat: "MAJ:MIN rbytes=N wbytes=N rios=N wios=N ..." per device.</summary>
    public void ReadIo(BlkioStats blkio)
    {
        if (Read("io.stat") is not { } text) return;
        var bytes = new List<BlkioEntry>();
        var ios = new List<BlkioEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var (major, minor) = CgroupFileParsers.ParseDevice(fields[0]);
            foreach (var field in fields.Skip(1))
            {
                var eq = field.IndexOf('=');
                if (eq < 0) continue;
                var value = CgroupFileParsers.ParseUInt(field[(eq + 1)..]);
                switch (field[..eq])
                {
                    case "rbytes": bytes.Add(new BlkioEntry(major, minor, "Read", value)); break;
                    case "wbytes": bytes.Add(new BlkioEntry(major, minor, "Write", value)); break;
                    case "rios": ios.Add(new BlkioEntry(major, minor, "Read", value)); break;
                    case "wios": ios.Add(new BlkioEntry(major, minor, "Write", value)); break;
                }
            }
        }
        blkio.IoServiceBytesRecursive = bytes;
        blkio.IoServicedRecursive = ios;
    }

    public void ReadHugetlb(Dictionary<string, HugetlbStats> hugetlb, IEnumerable<string> pageSizes)
    {
        foreach (var size in pageSizes)
        {
            if (!fs.FileExists(Path.Join(dir, $"hugetlb.{size}.current"))) continue;
            hugetlb[size] = new HugetlbStats
            {
                Usage = Number($"hugetlb.{size}.current"),
                Failcnt = Read($"hugetlb.{size}.events") is { } events ? CgroupFileParsers.ParseKeyValues(events).GetValueOrDefault("max") : 0,
            };
        }
    }

    private string? Read(string file) => fs.TryReadFile(Path.Join(dir, file));

    private ulong Number(string file) => Read(file) is { } text ? CgroupFileParsers.ParseUInt(text) : 0;
}
