using OciRuntime.Cgroups.Resources;
using OciRuntime.Cgroups.V2;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.V1;

/// <summary>
/// A container's cgroup on a legacy or hybrid host: one directory per v1 hierarchy, plus on hybrid hosts one in
/// the cgroup2 hierarchy, where the process is also placed and whose controllers (hugetlb here) serve what no
/// v1 hierarchy provides.
/// </summary>
public sealed class V1CgroupManager(CgroupPaths paths, CgroupFileSystem fs) : CgroupManager(paths, fs)
{
    private string? FreezerDirectory => Paths.V1.GetValueOrDefault("freezer");

    protected override string? ProcessDirectory =>
        Paths.V1.GetValueOrDefault("pids") ?? Paths.V1.GetValueOrDefault("devices") ?? Paths.V1.Values.FirstOrDefault() ?? Paths.Unified;

    protected override void CreateDirectories()
    {
        var cpuset = Paths.V1.GetValueOrDefault("cpuset");
        foreach (var dir in Paths.V1.Values.Distinct(StringComparer.Ordinal))
        {
            if (dir == cpuset) CreateCpuset(dir);
            else CreateDirectory(dir);
        }
        if (Paths.Unified is { } unified) V2CgroupManager.CreateWithControllers(Fs, unified, CreateDirectory);
    }

    /// <summary>
    /// A new v1 cpuset cgroup starts without CPUs and memory nodes (unless its parent sets cgroup.clone_children)
    /// and no task can join it then (ENOSPC). Like runc, every level down to the container's gets its parent's
    /// where it has none; the config's own cpus/mems are written over them by <see cref="CgroupManager.Apply"/>.
    /// </summary>
    private void CreateCpuset(string dir)
    {
        // Up to the hierarchy's root: the first existing directory without cpuset.cpus is above it.
        var chain = new List<string>();
        for (var d = dir; d != null; d = Path.GetDirectoryName(d))
        {
            if (Fs.DirectoryExists(d) && !Fs.FileExists(Path.Join(d, "cpuset.cpus"))) break;
            chain.Insert(0, d);
        }
        foreach (var level in chain)
        {
            CreateDirectory(level);
            if (Path.GetDirectoryName(level) is not { } parent) continue;
            InheritIfEmpty(level, parent, "cpuset.cpus");
            InheritIfEmpty(level, parent, "cpuset.mems");
        }
    }

    private void InheritIfEmpty(string dir, string parent, string file)
    {
        var path = Path.Join(dir, file);
        if (Fs.TryReadFile(path) is not { } own || own.Trim().Length > 0) return;
        if (Fs.TryReadFile(Path.Join(parent, file))?.Trim() is not { Length: > 0 } inherited) return;
        var errno = Fs.TryWriteFile(path, inherited);
        if (errno != 0 && !IgnorablePermissionError(errno)) throw CgroupFileSystem.WriteFailure(path, inherited, errno);
    }

    public override void Freeze()
    {
        if (FreezerDirectory is not { } dir)
        {
            FreezeUnified(true);
            return;
        }
        var state = Path.Join(dir, "freezer.state");
        Fs.WriteFile(state, "FROZEN");
        // Tasks forking while the freeze runs can leave it at FREEZING; writing FROZEN again moves it on.
        WaitUntil(() => ReadState(state) == "FROZEN", () => Fs.WriteFile(state, "FROZEN"), $"{dir} is frozen");
    }

    public override void Thaw()
    {
        if (FreezerDirectory is not { } dir)
        {
            FreezeUnified(false);
            return;
        }
        var state = Path.Join(dir, "freezer.state");
        Fs.WriteFile(state, "THAWED");
        WaitUntil(() => ReadState(state) == "THAWED", () => Fs.WriteFile(state, "THAWED"), $"{dir} is thawed");
    }

    public override bool IsFrozen()
    {
        if (FreezerDirectory is not { } dir)
            return Paths.Unified is { } unified && V2CgroupManager.ReadFrozen(Fs, unified);
        // freezer.self_freezing says whether this cgroup itself (not a parent) was frozen. A cgroup a racing
        // delete just removed is not frozen.
        return (Fs.TryReadFile(Path.Join(dir, "freezer.state"))?.Trim() ?? "THAWED") != "THAWED" &&
               Fs.TryReadFile(Path.Join(dir, "freezer.self_freezing"))?.Trim() != "0";
    }

    public override void ApplyDevices(IEnumerable<Devices.DeviceRule> configRules)
    {
        var target = Devices.DeviceRuleSet.From(Devices.DefaultDevices.WithConfig(configRules));
        if (!Paths.V1.TryGetValue("devices", out var dir))
        {
            // Only rootless containers get this far without the controller (the resolver refuses it otherwise).
            RuntimeLog.Debug("cgroup: no devices controller; device rules not applied");
            return;
        }
        var current = Devices.DeviceRuleSet.FromV1List(Fs.ReadFile(Path.Join(dir, "devices.list")));
        var writes = Devices.V1DeviceWrites.Plan(current, target);
        // Consecutive rules for the same file go through one open of it.
        for (var next = 0; next < writes.Count;)
        {
            var file = writes[next].File;
            var values = new List<string>();
            for (; next < writes.Count && writes[next].File == file; next++) values.Add(writes[next].Value);
            var path = Path.Join(dir, file);
            var errno = Fs.TryWriteEach(path, values, out var failed);
            if (errno != 0) throw CgroupFileSystem.WriteFailure(path, values[failed], errno);
        }
    }

    public override IReadOnlyList<CgroupWrite> Plan(LinuxResources resources, PlanMode mode) =>
        V1ResourcePlanner.Plan(resources, Paths, Fs, mode);

    public override CgroupStats Stats()
    {
        var stats = new CgroupStats();
        var reader = new V1StatsReader(Fs, Paths.V1);
        reader.ReadCpu(stats.Cpu);
        reader.ReadMemory(stats.Memory);
        reader.ReadPids(stats.Pids);
        reader.ReadBlkio(stats.Blkio);
        var sizes = HugePageSizes.Read(Fs);
        reader.ReadHugetlb(stats.Hugetlb, sizes);
        if (!Paths.V1.ContainsKey("hugetlb") && Paths.Unified is { } unified)
            new V2StatsReader(Fs, unified).ReadHugetlb(stats.Hugetlb, sizes);
        return stats;
    }

    /// <summary>memory.oom_control's oom_kill counter (kernel 4.13+).</summary>
    public override ulong OomKillCount() =>
        Paths.V1.TryGetValue("memory", out var dir) && Fs.TryReadFile(Path.Join(dir, "memory.oom_control")) is { } text
            ? CgroupFileParsers.ParseKeyValues(text).GetValueOrDefault("oom_kill")
            : 0;

    private void FreezeUnified(bool frozen)
    {
        if (Paths.Unified is not { } unified)
            throw new OciRuntimeException("cgroup: no freezer: the freezer controller is not mounted");
        V2CgroupManager.SetFrozen(Fs, unified, frozen);
    }

    private string ReadState(string file) => Fs.ReadFile(file).Trim();
}
