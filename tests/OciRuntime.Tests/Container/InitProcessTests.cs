using System.Diagnostics;
using OciRuntime.Container.Lifecycle;
using OciRuntime.Container.State;
using Xunit;

namespace OciRuntime.Tests.Container;

/// <summary>A live process of ours plays the recorded init: only its recorded start time makes it the init.</summary>
public sealed class InitProcessTests
{
    private static ContainerRecord RecordOf(int pid, ulong startTime) =>
        new() { Id = "c1", Bundle = "/b", Rootfs = "/b/rootfs", InitPid = pid, InitStartTime = startTime };

    [Fact]
    public void A_reused_pid_is_never_opened_and_so_never_signalled()
    {
        using var bystander = Process.Start("sleep", "1000");
        try
        {
            var startTime = new ProcessIdentity().Read(bystander.Id)!.Value.StartTime;

            Assert.Null(InitProcess.Open(RecordOf(bystander.Id, startTime - 1)));
            Assert.Null(InitProcess.Open(RecordOf(bystander.Id, startTime + 1)));

            Assert.False(bystander.WaitForExit(100));
        }
        finally
        {
            bystander.Kill();
        }
    }

    [Fact]
    public void The_recorded_process_is_opened_and_signalled()
    {
        using var init = Process.Start("sleep", "1000");
        try
        {
            var startTime = new ProcessIdentity().Read(init.Id)!.Value.StartTime;

            using var opened = InitProcess.Open(RecordOf(init.Id, startTime));

            Assert.NotNull(opened);
            Assert.True(opened.Signal(15));
            Assert.True(init.WaitForExit(5000));
        }
        finally
        {
            if (!init.HasExited) init.Kill();
        }
    }

    [Fact]
    public void No_pid_yet_or_a_gone_process_is_not_opened()
    {
        Assert.Null(InitProcess.Open(RecordOf(0, 0)));
        using var gone = Process.Start("true");
        gone.WaitForExit();
        Assert.Null(InitProcess.Open(RecordOf(gone.Id, 0)));
    }
}
