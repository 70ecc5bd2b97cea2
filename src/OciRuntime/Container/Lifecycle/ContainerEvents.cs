using OciRuntime.Cgroups;
using OciRuntime.Container.State;

namespace OciRuntime.Container.Lifecycle;

/// <summary>`events [--stats] [--interval D] ID`: the container's statistics and OOM notifications.</summary>
public static class ContainerEvents
{
    /// <summary>`--stats`: one stats event.</summary>
    public static ContainerEvent Stats(string root, string id) =>
        ContainerEvent.Stats(id, Open(root, id).Manager.Stats());

    /// <summary>Emits events until the container stops.</summary>
    public static void Watch(string root, string id, TimeSpan interval, Action<ContainerEvent> emit)
    {
        var source = Open(root, id);
        new EventLoop(id, source, Thread.Sleep).Run(interval, emit);
    }

    private static LiveContainer Open(string root, string id)
    {
        var store = new StateStore(root);
        var record = store.Load(id);
        var paths = store.PathsOf(id);
        var resolver = new StatusResolver();
        if (resolver.Resolve(record, paths) == ContainerStatus.Stopped)
            throw new OciRuntimeException($"container with id {id} is not running");
        return new LiveContainer(ContainerCgroups.Require(record), () => resolver.Resolve(record, paths) != ContainerStatus.Stopped);
    }

    private sealed class LiveContainer(CgroupManager manager, Func<bool> isRunning) : IEventSource
    {
        public CgroupManager Manager => manager;

        public bool IsRunning() => isRunning();

        public CgroupStats Stats() => manager.Stats();

        public ulong OomKillCount() => manager.OomKillCount();
    }
}
