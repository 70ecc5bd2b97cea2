using OciRuntime.Container.Spawn;
using Xunit;

namespace OciRuntime.Tests.Container;

public sealed class ChildFailureTests
{
    [Theory]
    [InlineData(2 | (1 << 8), 1, "container init: joining namespace #1: operation not permitted")]
    [InlineData(7, 2, "container init: executing the init stage: no such file or directory")]
    [InlineData(5, 22, "container init: starting the init in its pid namespace: invalid argument")]
    [InlineData(8 | (1 << 8), 28, "container init: joining cgroup /sys/fs/cgroup/cpuset/c1: no space left on device")]
    [InlineData(8 | (2 << 8), 28, "container init: joining cgroup #2: no space left on device")]
    public void Raw_child_reports_become_one_line_errors(int stepAndDetail, int errno, string expected)
    {
        var e = InitSpawner.ChildFailure(stepAndDetail, errno, [new("/sys/fs/cgroup/cpu/c1", 5), new("/sys/fs/cgroup/cpuset/c1", 6)]);
        Assert.Equal(expected, e.Message);
        Assert.Equal(errno, e.Errno);
    }
}
