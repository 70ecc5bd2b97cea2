using OciRuntime.Container.State;

namespace OciRuntime.Container.Lifecycle;

/// <summary>`resume ID`: thaws a container that `pause` froze; any other status is refused, as runc does.</summary>
public static class ContainerResume
{
    public static void Run(string root, string id)
    {
        var store = new StateStore(root);
        using var held = store.Lock(id);
        var record = store.Load(id);
        var status = new StatusResolver().Resolve(record, store.PathsOf(id));
        if (status != ContainerStatus.Paused) throw new OciRuntimeException("container not paused");
        ContainerCgroups.Require(record).Thaw();
    }
}
