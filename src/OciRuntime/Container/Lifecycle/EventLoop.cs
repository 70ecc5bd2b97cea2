namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// `events` without --stats: a stats event every interval and an oom event whenever the cgroup's OOM kill count
/// grows, until the container stops. runc learns of OOM kills from an eventfd; polling the counter at a short
/// period gives the same events without a thread blocked on the eventfd.
/// </summary>
internal sealed class EventLoop(string id, IEventSource source, Action<TimeSpan> sleep)
{
    public static readonly TimeSpan OomPollPeriod = TimeSpan.FromMilliseconds(200);

    public void Run(TimeSpan interval, Action<ContainerEvent> emit)
    {
        var step = interval < OomPollPeriod ? interval : OomPollPeriod;
        var stepsPerStats = Math.Max(1, (long)Math.Round(interval / step));
        var oomKills = source.OomKillCount();
        for (long tick = 1; ; tick++)
        {
            sleep(step);
            // Read before the OOM count: a kill that stopped the container is counted by the time it is gone,
            // so its event is still reported.
            var running = source.IsRunning();
            var now = source.OomKillCount();
            for (; oomKills < now; oomKills++) emit(ContainerEvent.Oom(id));
            if (!running) return;
            if (tick % stepsPerStats == 0) EmitStats(emit);
        }
    }

    private void EmitStats(Action<ContainerEvent> emit)
    {
        try
        {
            emit(ContainerEvent.Stats(id, source.Stats()));
        }
        catch (OciRuntimeException e)
        {
            // runc logs a failed read and goes on with the next interval.
            RuntimeLog.Error($"stats: {e.Message}");
        }
    }
}
