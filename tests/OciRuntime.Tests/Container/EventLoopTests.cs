using OciRuntime.Cgroups;
using OciRuntime.Container.Lifecycle;
using Xunit;

namespace OciRuntime.Tests.Container;

public class EventLoopTests
{
    /// <summary>A container that runs for a number of observations, with OOM kills counted at given ones.</summary>
    private sealed class ScriptedSource(int runningObservations, params int[] oomKillsAt) : IEventSource
    {
        private int _observations;

        public int StatsReads { get; private set; }

        public bool IsRunning() => ++_observations <= runningObservations;

        public CgroupStats Stats()
        {
            StatsReads++;
            return new CgroupStats();
        }

        public ulong OomKillCount() => (ulong)oomKillsAt.Count(at => at <= _observations);
    }

    private static (List<ContainerEvent> Events, List<TimeSpan> Sleeps) Run(IEventSource source, TimeSpan interval)
    {
        var events = new List<ContainerEvent>();
        var sleeps = new List<TimeSpan>();
        new EventLoop("c1", source, sleeps.Add).Run(interval, events.Add);
        return (events, sleeps);
    }

    [Fact]
    public void Stats_come_every_interval_until_the_container_stops()
    {
        // 1s interval in 200ms steps: stats at the 5th and 10th observation; stopped at the 12th.
        var (events, sleeps) = Run(new ScriptedSource(11), TimeSpan.FromSeconds(1));
        Assert.Equal(["stats", "stats"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal("c1", e.Id));
        Assert.All(events, e => Assert.NotNull(e.Data));
        Assert.Equal(12, sleeps.Count);
        Assert.All(sleeps, s => Assert.Equal(EventLoop.OomPollPeriod, s));
    }

    [Fact]
    public void A_short_interval_is_the_polling_step()
    {
        var (events, sleeps) = Run(new ScriptedSource(3), TimeSpan.FromMilliseconds(50));
        Assert.Equal(3, events.Count);
        Assert.All(sleeps, s => Assert.Equal(TimeSpan.FromMilliseconds(50), s));
    }

    [Fact]
    public void Each_oom_kill_is_one_oom_event_without_data()
    {
        var (events, _) = Run(new ScriptedSource(4, 2, 2, 3), TimeSpan.FromSeconds(5));
        Assert.Equal(["oom", "oom", "oom"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Null(e.Data));
    }

    [Fact]
    public void The_oom_kill_that_stopped_the_container_is_still_reported()
    {
        var (events, _) = Run(new ScriptedSource(2, 3), TimeSpan.FromSeconds(5));
        Assert.Equal(["oom"], events.Select(e => e.Type));
    }

    [Fact]
    public void Kills_before_the_command_started_are_not_reported()
    {
        var (events, _) = Run(new ScriptedSource(2, 0), TimeSpan.FromSeconds(5));
        Assert.Empty(events);
    }
}
