using OciRuntime.Cgroups;
using Xunit;

namespace OciRuntime.Tests.Cgroups;

public sealed class CgroupEntryTests
{
    [Fact]
    public void A_hybrid_container_is_entered_by_clone_into_cgroup2_and_by_tasks_files_once_per_v1_directory()
    {
        using var fs = new FakeCgroupFs()
            .With("/sys/fs/cgroup/cpu,cpuacct/c1/tasks")
            .With("/sys/fs/cgroup/memory/c1/tasks")
            .With("/sys/fs/cgroup/unified/c1/cgroup.procs");
        var manager = CgroupManager.Open(new CgroupPaths
        {
            Mode = CgroupMode.Hybrid,
            V1 = new()
            {
                ["cpu"] = "/sys/fs/cgroup/cpu,cpuacct/c1",
                ["cpuacct"] = "/sys/fs/cgroup/cpu,cpuacct/c1",
                ["memory"] = "/sys/fs/cgroup/memory/c1",
            },
            Unified = "/sys/fs/cgroup/unified/c1",
        }, fs);

        using var entry = manager.PrepareEntry();

        Assert.True(entry.CloneFd >= 0);
        Assert.Equal(["/sys/fs/cgroup/cpu,cpuacct/c1", "/sys/fs/cgroup/memory/c1"], entry.TaskFiles.Select(t => t.Directory));
        Assert.All(entry.TaskFiles, t => Assert.True(t.Fd >= 0));
        Assert.Empty(entry.ByPid);
        Assert.Equal(3, entry.Fds.Count());
    }

    [Fact]
    public void What_cannot_be_opened_is_left_to_a_write_by_pid()
    {
        using var fs = new FakeCgroupFs().With("/sys/fs/cgroup/memory/c1/tasks");
        var manager = CgroupManager.Open(new CgroupPaths
        {
            Mode = CgroupMode.Hybrid,
            V1 = new() { ["memory"] = "/sys/fs/cgroup/memory/c1", ["pids"] = "/sys/fs/cgroup/pids/c1" },
            Unified = "/sys/fs/cgroup/unified/c1",
        }, fs);

        using var entry = manager.PrepareEntry();

        Assert.Equal(-1, entry.CloneFd);
        Assert.Equal(["/sys/fs/cgroup/memory/c1"], entry.TaskFiles.Select(t => t.Directory));
        Assert.Equal(["/sys/fs/cgroup/unified/c1", "/sys/fs/cgroup/pids/c1"], entry.ByPid);
    }

    [Fact]
    public void A_rootless_container_skips_the_hierarchies_it_may_not_enter_as_adding_by_pid_does()
    {
        using var fs = new FakeCgroupFs();
        var manager = CgroupManager.Open(new CgroupPaths
        {
            Mode = CgroupMode.Legacy,
            V1 = new() { ["pids"] = "/sys/fs/cgroup/pids/c1" },
            Rootless = true,
        }, fs);

        using var entry = manager.PrepareEntry();

        Assert.Empty(entry.TaskFiles);
        Assert.Empty(entry.ByPid);
    }
}
