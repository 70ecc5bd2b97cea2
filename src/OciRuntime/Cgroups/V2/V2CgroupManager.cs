using OciRuntime.Cgroups.Native;
using OciRuntime.Cgroups.Resources;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.V2;

/// <summary>A container's cgroup on a unified (cgroup2 only) host: one directory.</summary>
public sealed class V2CgroupManager(CgroupPaths paths, CgroupFileSystem fs) : CgroupManager(paths, fs)
{
    private string Dir => Paths.Unified ?? throw new OciRuntimeException("cgroup: state has no cgroup2 path");

    protected override string? ProcessDirectory => Paths.Unified;

    protected override void CreateDirectories() => CreateWithControllers(Fs, Dir, CreateDirectory);

    /// <summary>
    /// Creates <paramref name="dir"/> and every missing parent, enabling in each parent's cgroup.subtree_control
    /// the controllers it has, so the container's cgroup gets them all (as runc's fs2 driver). A controller a
    /// parent cannot delegate is skipped, not fatal: limits that need it fail later with a precise error.
    /// A non-root parent with processes of its own is left alone: the kernel would accept only the threaded
    /// controllers there and turn it into a thread root whose new children are "domain invalid", breaking the
    /// caller's own subtree for good (runc 1.1 does that; found running ocirun in a delegated cgroup namespace).
    /// </summary>
    internal static void CreateWithControllers(CgroupFileSystem fs, string dir, Action<string> createDirectory)
    {
        // Parents up to the hierarchy's root: the first existing directory without cgroup.controllers is above it.
        var chain = new List<string>();
        for (var d = Path.GetDirectoryName(dir); d != null; d = Path.GetDirectoryName(d))
        {
            if (fs.DirectoryExists(d) && !fs.FileExists(Path.Join(d, "cgroup.controllers"))) break;
            chain.Insert(0, d);
        }
        foreach (var parent in chain)
        {
            createDirectory(parent);
            if (fs.TryReadFile(Path.Join(parent, "cgroup.controllers")) is not { } controllers) continue;
            if (HasOwnProcesses(fs, parent))
            {
                RuntimeLog.Debug($"cgroup: {parent} has processes of its own; its controllers cannot be delegated");
                continue;
            }
            var available = controllers.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var enabled = (fs.TryReadFile(Path.Join(parent, "cgroup.subtree_control")) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var missing = available.Except(enabled).ToList();
            if (missing.Count == 0) continue;
            var subtree = Path.Join(parent, "cgroup.subtree_control");
            if (fs.TryWriteFile(subtree, string.Join(' ', missing.Select(c => "+" + c))) == 0) continue;
            foreach (var controller in missing)
            {
                if (fs.TryWriteFile(subtree, "+" + controller) != 0)
                    RuntimeLog.Debug($"cgroup: cannot enable {controller} in {parent}");
            }
        }
        createDirectory(dir);
    }

    /// <summary>Only the hierarchy's root (the one without cgroup.type) may both hold processes and delegate.</summary>
    private static bool HasOwnProcesses(CgroupFileSystem fs, string dir) =>
        fs.FileExists(Path.Join(dir, "cgroup.type")) &&
        !string.IsNullOrWhiteSpace(fs.TryReadFile(Path.Join(dir, "cgroup.procs")));

    public override void Freeze() => SetFrozen(Fs, Dir, true);

    public override void Thaw() => SetFrozen(Fs, Dir, false);

    public override bool IsFrozen() => ReadFrozen(Fs, Dir);

    internal static void SetFrozen(CgroupFileSystem fs, string dir, bool frozen)
    {
        var freeze = Path.Join(dir, "cgroup.freeze");
        if (!fs.FileExists(freeze))
            throw new OciRuntimeException($"cgroup: {dir} has no cgroup.freeze (the kernel needs 5.2 or later to freeze cgroup2 cgroups)");
        fs.WriteFile(freeze, frozen ? "1" : "0");
        WaitUntil(() => ReadFrozen(fs, dir) == frozen, () => { }, $"{dir} is {(frozen ? "frozen" : "thawed")}");
    }

    internal static bool ReadFrozen(CgroupFileSystem fs, string dir) =>
        fs.TryReadFile(Path.Join(dir, "cgroup.events")) is { } events &&
        CgroupFileParsers.ParseKeyValues(events).GetValueOrDefault("frozen") == 1;

    /// <summary>cgroup.kill (kernel 5.14+) kills the whole subtree atomically; else freeze and signal each.</summary>
    public override void KillAll(int signal)
    {
        const int sigkill = 9;
        var kill = Path.Join(Dir, "cgroup.kill");
        if (signal == sigkill && Fs.FileExists(kill))
        {
            Fs.WriteFile(kill, "1");
            return;
        }
        base.KillAll(signal);
    }

    public override CgroupStats Stats()
    {
        var stats = new CgroupStats();
        var reader = new V2StatsReader(Fs, Dir);
        reader.ReadCpu(stats.Cpu);
        reader.ReadMemory(stats.Memory);
        reader.ReadPids(stats.Pids);
        reader.ReadIo(stats.Blkio);
        reader.ReadHugetlb(stats.Hugetlb, HugePageSizes.Read(Fs));
        return stats;
    }

    public override ulong OomKillCount() =>
        Fs.TryReadFile(Path.Join(Dir, "memory.events")) is { } text
            ? CgroupFileParsers.ParseKeyValues(text).GetValueOrDefault("oom_kill")
            : 0;

    public override void ApplyDevices(IEnumerable<Devices.DeviceRule> configRules) =>
        Fs.AttachDeviceProgram(Dir, Devices.DeviceFilterProgram.Compile(Devices.DefaultDevices.WithConfig(configRules)));

    public override IReadOnlyList<CgroupWrite> Plan(LinuxResources resources, PlanMode mode) =>
        V2ResourcePlanner.Plan(resources, Dir, Fs, mode);
}
