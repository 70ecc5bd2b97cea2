using OciRuntime.Container.State;
using Xunit;

namespace OciRuntime.Tests.State;

public sealed class ProcessIdentityTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly FakeProc _proc;
    private readonly ProcessIdentity _identity;

    public ProcessIdentityTests()
    {
        _proc = new FakeProc(_temp.Path);
        _identity = new ProcessIdentity(_proc.Root);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Reads_the_stat_of_a_process()
    {
        _proc.Add(4242, 'S', 60104, "hostile) Z 1 (x");
        Assert.Equal(new ProcessStat(4242, 'S', 60104), _identity.Read(4242));
    }

    [Fact]
    public void A_missing_process_reads_as_null()
    {
        Assert.Null(_identity.Read(4242));
        Assert.False(_identity.IsAlive(4242, 60104));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Pids_that_name_no_process_are_never_alive(int pid) => Assert.Null(_identity.Read(pid));

    [Fact]
    public void A_garbled_stat_reads_as_null()
    {
        Directory.CreateDirectory(Path.Combine(_proc.Root, "7"));
        File.WriteAllText(Path.Combine(_proc.Root, "7", "stat"), "garbage");
        Assert.Null(_identity.Read(7));
    }

    [Fact]
    public void The_recorded_process_is_alive_when_pid_and_start_time_match()
    {
        _proc.Add(4242, 'S', 60104);
        Assert.True(_identity.IsAlive(4242, 60104));
    }

    [Fact]
    public void A_reused_pid_is_not_the_recorded_process()
    {
        _proc.Add(4242, 'S', 99999);
        Assert.False(_identity.IsAlive(4242, 60104));
    }

    [Theory]
    [InlineData('Z')]
    [InlineData('X')]
    public void An_exited_process_is_not_alive(char state)
    {
        _proc.Add(4242, state, 60104);
        Assert.False(_identity.IsAlive(4242, 60104));
    }

    [Fact]
    public void Reads_this_very_process_from_the_real_proc()
    {
        var real = new ProcessIdentity();
        var self = real.Read(Environment.ProcessId);
        Assert.NotNull(self);
        Assert.Equal(Environment.ProcessId, self.Value.Pid);
        Assert.Contains(self.Value.State, "RS");
        Assert.True(self.Value.StartTime > 0);
        Assert.True(real.IsAlive(Environment.ProcessId, self.Value.StartTime));
        Assert.False(real.IsAlive(Environment.ProcessId, self.Value.StartTime + 1));
    }
}
