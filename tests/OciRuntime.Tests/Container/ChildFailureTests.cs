using OciRuntime.Container.Spawn;
using Xunit;

namespace OciRuntime.Tests.Container;

public sealed class ChildFailureTests
{
    [Theory]
    [InlineData(2 | (1 << 8), 1, "container init: joining namespace #1: operation not permitted")]
    [InlineData(7, 2, "container init: executing the init stage: no such file or directory")]
    [InlineData(5, 22, "container init: starting the init in its pid namespace: invalid argument")]
    public void Raw_child_reports_become_one_line_errors(int stepAndDetail, int errno, string expected)
    {
        var e = InitSpawner.ChildFailure(stepAndDetail, errno);
        Assert.Equal(expected, e.Message);
        Assert.Equal(errno, e.Errno);
    }
}
