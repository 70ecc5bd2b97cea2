using OciRuntime.Container.State;

namespace OciRuntime.Container.Lifecycle;

/// <summary>`pause ID`: freezes every process of a created or running container (runc's states and message).</summary>
public static class ContainerPause
{
    public static void Run(string root, string id)
    {
        var store = new StateStore(root);
        using var held = store.Lock(id);
        var record = store.Load(id);
        var status = new StatusResolver().Resolve(record, store.PathsOf(id));
        if (status is not (ContainerStatus.Running or ContainerStatus.Created))
            throw new OciRuntimeException("container not running");
        ContainerCgroups.Require(record).Freeze();
    }
}
