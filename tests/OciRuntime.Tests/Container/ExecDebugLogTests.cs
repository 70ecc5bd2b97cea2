using OciRuntime.Container.Exec;
using OciRuntime.Linux;
using Xunit;

namespace OciRuntime.Tests.Container;

public sealed class ExecDebugLogTests
{
    private static ExecSetup Setup() => new()
    {
        Path = "/bin/true",
        Argv = ["true"],
        Environment = [],
        Cwd = "/",
        Uid = 1000,
        Gid = 100,
        Capabilities = new ProcessCredentials.CapabilitySets(0, 0, 0, 0, 0),
        CgroupTasks = [new("/sys/fs/cgroup/memory/c", 5), new("/sys/fs/cgroup/pids/c", 6)],
        CgroupFd = 7,
    };

    [Fact]
    public void The_setup_line_names_what_the_child_joins() => Assert.Equal(
        "=> nsexec container setup: clone3 of the exec child for /bin/true, which joins its cgroup2 directory (CLONE_INTO_CGROUP), " +
        "the cgroups /sys/fs/cgroup/memory/c, /sys/fs/cgroup/pids/c",
        ExecDebugLog.CloningChild(Setup()));

    [Fact]
    public void Milestones_carry_runcs_stage_names_and_the_pid_in_the_container()
    {
        Assert.Equal("<= nsexec container setup: child process in init(): pid 7 (in the container) is in its cgroups and namespaces",
            ExecDebugLog.Milestone(ExecMilestone.InContainer, 7, Setup()));
        Assert.Equal("setns_init: about to exec /bin/true (pid 7 in the container, uid 1000, gid 100)",
            ExecDebugLog.Milestone(ExecMilestone.AboutToExec, 7, Setup()));
    }
}
