using System.Text.Json;
using OciRuntime.Cgroups;
using Xunit;

namespace OciRuntime.Tests.Cgroups;

public class CgroupStatsTests
{
    [Fact]
    public void V1_stats_are_read_into_runcs_schema()
    {
        using var fs = new FakeCgroupFs()
            .With("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages", "0\n")
            .With("/sys/fs/cgroup/cpuacct/c/cpuacct.usage", "5000\n")
            .With("/sys/fs/cgroup/cpuacct/c/cpuacct.usage_percpu", "3000 2000 \n")
            .With("/sys/fs/cgroup/cpuacct/c/cpuacct.stat", "user 2\nsystem 1\n")
            .With("/sys/fs/cgroup/cpu/c/cpu.stat", "nr_periods 4\nnr_throttled 1\nthrottled_time 77\n")
            .With("/sys/fs/cgroup/memory/c/memory.stat", "cache 4096\nrss 8192\n")
            .With("/sys/fs/cgroup/memory/c/memory.usage_in_bytes", "12288\n")
            .With("/sys/fs/cgroup/memory/c/memory.max_usage_in_bytes", "16384\n")
            .With("/sys/fs/cgroup/memory/c/memory.limit_in_bytes", "9223372036854771712\n")
            .With("/sys/fs/cgroup/memory/c/memory.failcnt", "0\n")
            .With("/sys/fs/cgroup/pids/c/pids.current", "3\n")
            .With("/sys/fs/cgroup/pids/c/pids.max", "max\n")
            .With("/sys/fs/cgroup/blkio/c/blkio.throttle.io_service_bytes_recursive", "8:0 Read 512\n8:0 Write 1024\nTotal 1536\n")
            .With("/sys/fs/cgroup/blkio/c/blkio.throttle.io_serviced_recursive", "8:0 Read 1\n8:0 Write 2\nTotal 3\n")
            .With("/sys/fs/cgroup/unified/c/hugetlb.2MB.current", "2097152\n")
            .With("/sys/fs/cgroup/unified/c/hugetlb.2MB.events", "max 1\n");
        var paths = new CgroupPaths
        {
            Mode = CgroupMode.Hybrid,
            V1 =
            {
                ["cpu"] = "/sys/fs/cgroup/cpu/c", ["cpuacct"] = "/sys/fs/cgroup/cpuacct/c", ["memory"] = "/sys/fs/cgroup/memory/c",
                ["pids"] = "/sys/fs/cgroup/pids/c", ["blkio"] = "/sys/fs/cgroup/blkio/c",
            },
            Unified = "/sys/fs/cgroup/unified/c",
        };

        var stats = CgroupManager.Open(paths, fs).Stats();

        Snapshot.Match("cgroups-stats-v1.json", JsonSerializer.Serialize(stats, CgroupsJsonContext.Default.CgroupStats) + "\n");
    }

    [Fact]
    public void V2_stats_are_converted_to_runcs_v1_shaped_schema()
    {
        using var fs = new FakeCgroupFs()
            .With("/sys/fs/cgroup/c/cpu.stat", "usage_usec 10\nuser_usec 6\nsystem_usec 4\nnr_periods 2\nnr_throttled 1\nthrottled_usec 3\n")
            .With("/sys/fs/cgroup/c/memory.stat", "anon 100\nfile 200\n")
            .With("/sys/fs/cgroup/c/memory.current", "300\n")
            .With("/sys/fs/cgroup/c/memory.max", "1000\n")
            .With("/sys/fs/cgroup/c/memory.events", "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n")
            .With("/sys/fs/cgroup/c/memory.swap.current", "50\n")
            .With("/sys/fs/cgroup/c/memory.swap.max", "500\n")
            .With("/sys/fs/cgroup/c/pids.current", "2\n")
            .With("/sys/fs/cgroup/c/pids.max", "64\n")
            .With("/sys/fs/cgroup/c/io.stat", "8:16 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n");

        var stats = CgroupManager.Open(new CgroupPaths { Mode = CgroupMode.Unified, Unified = "/sys/fs/cgroup/c" }, fs).Stats();

        Snapshot.Match("cgroups-stats-v2.json", JsonSerializer.Serialize(stats, CgroupsJsonContext.Default.CgroupStats) + "\n");
    }
}
