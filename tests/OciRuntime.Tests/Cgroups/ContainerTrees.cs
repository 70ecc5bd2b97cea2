using OciRuntime.Cgroups;

namespace OciRuntime.Tests.Cgroups;

/// <summary>
/// A container's cgroup "c1" laid out with the control files a kernel like this host's offers: one directory per v1
/// controller, or one cgroup2 directory. Tests remove files to play older or differently configured kernels.
/// </summary>
internal static class ContainerTrees
{
    public const string V1Root = "/sys/fs/cgroup";
    public const string V2Dir = "/sys/fs/cgroup/c1";

    public static readonly Dictionary<string, string[]> V1Files = new()
    {
        ["cpuset"] = ["cpuset.cpus", "cpuset.mems"],
        ["devices"] = ["devices.allow", "devices.deny"],
        ["memory"] = ["memory.limit_in_bytes", "memory.memsw.limit_in_bytes", "memory.kmem.limit_in_bytes",
            "memory.kmem.tcp.limit_in_bytes", "memory.soft_limit_in_bytes", "memory.oom_control", "memory.swappiness",
            "memory.use_hierarchy", "memory.usage_in_bytes", "memory.max_usage_in_bytes"],
        ["cpu"] = ["cpu.shares", "cpu.cfs_period_us", "cpu.cfs_quota_us", "cpu.cfs_burst_us", "cpu.rt_period_us",
            "cpu.rt_runtime_us", "cpu.idle"],
        ["pids"] = ["pids.max"],
        ["blkio"] = ["blkio.weight", "blkio.weight_device", "blkio.leaf_weight", "blkio.leaf_weight_device",
            "blkio.throttle.read_bps_device", "blkio.throttle.write_bps_device", "blkio.throttle.read_iops_device",
            "blkio.throttle.write_iops_device"],
        ["hugetlb"] = ["hugetlb.2MB.limit_in_bytes", "hugetlb.2MB.rsvd.limit_in_bytes", "hugetlb.1GB.limit_in_bytes",
            "hugetlb.1GB.rsvd.limit_in_bytes"],
        ["net_cls"] = ["net_cls.classid"],
        ["net_prio"] = ["net_prio.ifpriomap"],
        ["rdma"] = ["rdma.max"],
        ["freezer"] = ["freezer.state"],
    };

    public static readonly string[] V2Files =
    [
        "cgroup.controllers", "cgroup.procs", "cgroup.freeze", "cgroup.kill", "cpuset.cpus", "cpuset.mems", "cpu.weight",
        "cpu.max", "cpu.max.burst", "cpu.idle", "memory.max", "memory.low", "memory.swap.max", "memory.current",
        "pids.max", "io.weight", "io.max", "hugetlb.2MB.max", "hugetlb.2MB.rsvd.max", "hugetlb.1GB.max",
        "hugetlb.1GB.rsvd.max", "rdma.max",
    ];

    /// <summary>Every v1 controller's directory with its files; the memory limit reads "unlimited".</summary>
    public static CgroupPaths V1(FakeCgroupFs fs, params string[] without)
    {
        var paths = new CgroupPaths { Mode = CgroupMode.Legacy };
        foreach (var (controller, files) in V1Files)
        {
            if (without.Contains(controller)) continue;
            var dir = $"{V1Root}/{controller}/c1";
            fs.WithFiles(dir, files);
            paths.V1[controller] = dir;
        }
        if (paths.V1.ContainsKey("devices")) fs.With($"{V1Root}/devices/c1/devices.list", "a *:* rwm\n");
        if (paths.V1.ContainsKey("memory"))
        {
            fs.With($"{V1Root}/memory/c1/memory.limit_in_bytes", "9223372036854771712\n")
              .With($"{V1Root}/memory/c1/memory.memsw.limit_in_bytes", "9223372036854771712\n");
        }
        return paths;
    }

    /// <summary>A cgroup2 directory with every controller enabled (no BFQ).</summary>
    public static CgroupPaths V2(FakeCgroupFs fs)
    {
        fs.WithFiles(V2Dir, V2Files)
          .With($"{V2Dir}/cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc\n")
          .With($"{V2Dir}/memory.max", "max\n")
          .With($"{V2Dir}/cpu.max", "max 100000\n");
        return new CgroupPaths { Mode = CgroupMode.Unified, Unified = V2Dir };
    }

}
