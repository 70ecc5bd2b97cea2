using OciRuntime.Linux;
using Xunit;

namespace OciRuntime.Tests.Linux;

public class ChildProcessTests
{
    [Theory]
    [InlineData(0x0100, "exit status 1")]
    [InlineData(31, "signal: bad system call")] // what runc says of a hook its seccomp filter killed
    [InlineData(6 | 0x80, "signal: aborted (core dumped)")]
    [InlineData(40, "signal: signal 40")]
    public void Wait_status_is_described_in_gos_words_as_runc_reports_hooks(int status, string expected)
    {
        Assert.Equal(expected, ChildProcess.Describe(status));
    }
}
