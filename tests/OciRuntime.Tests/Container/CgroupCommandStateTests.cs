using OciRuntime.Cgroups;
using OciRuntime.Container.Lifecycle;
using OciRuntime.Container.State;
using OciRuntime.Spec;
using OciRuntime.Tests.State;
using Xunit;

namespace OciRuntime.Tests.Container;

/// <summary>The status checks of the cgroup commands, on a container whose init is gone (runc's messages).</summary>
public sealed class CgroupCommandStateTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    public CgroupCommandStateTests()
    {
        var record = Records.New("gone");
        record.InitPid = int.MaxValue; // above pid_max: never a live process
        record.InitStartTime = 1;
        using var held = new StateStore(_root.Path).Create(record);
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Pause_of_a_stopped_container_is_refused()
    {
        var e = Assert.Throws<OciRuntimeException>(() => ContainerPause.Run(_root.Path, "gone"));
        Assert.Equal("container not running", e.Message);
    }

    [Fact]
    public void Resume_of_a_container_that_is_not_paused_is_refused()
    {
        var e = Assert.Throws<OciRuntimeException>(() => ContainerResume.Run(_root.Path, "gone"));
        Assert.Equal("container not paused", e.Message);
    }

    [Fact]
    public void Update_of_a_stopped_container_is_refused()
    {
        var request = new UpdateRequest(new LinuxResources { Pids = new LinuxPids { Limit = 10 } }, null, null);
        var e = Assert.Throws<OciRuntimeException>(() => ContainerUpdate.Run(_root.Path, "gone", request));
        Assert.Equal("container not running", e.Message);
    }

    [Fact]
    public void Update_refuses_intel_rdt_schemas()
    {
        var request = new UpdateRequest(new LinuxResources(), "L3:0=ff", null);
        var e = Assert.Throws<OciRuntimeException>(() => ContainerUpdate.Run(_root.Path, "gone", request));
        Assert.Equal("Intel RDT/CAT: l3 cache schema is not enabled", e.Message);
    }

    [Fact]
    public void Events_of_a_stopped_container_are_refused()
    {
        var e = Assert.Throws<OciRuntimeException>(() => ContainerEvents.Stats(_root.Path, "gone"));
        Assert.Equal("container with id gone is not running", e.Message);
    }

    [Fact]
    public void Ps_of_a_container_without_cgroup_lists_nothing()
    {
        Assert.Empty(ContainerProcesses.Pids(_root.Path, "gone"));
    }

    [Fact]
    public void Commands_on_an_unknown_container_say_it_does_not_exist()
    {
        Assert.Throws<ContainerNotFoundException>(() => ContainerPause.Run(_root.Path, "nope"));
        Assert.Throws<ContainerNotFoundException>(() => ContainerProcesses.Pids(_root.Path, "nope"));
    }
}
