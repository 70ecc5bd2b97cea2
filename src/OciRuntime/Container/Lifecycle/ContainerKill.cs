using OciRuntime.Container.State;

namespace OciRuntime.Container.Lifecycle;

/// <summary>`kill [--all] ID SIGNAL`: signals the init through a pidfd (never a reused pid).</summary>
public static class ContainerKill
{
    public static void Run(string root, string id, int signal, bool all)
    {
        var store = new StateStore(root);
        var record = store.Load(id);
        var status = new StatusResolver().Resolve(record, store.PathsOf(id));
        if (status is ContainerStatus.Stopped or ContainerStatus.Creating)
            throw new OciRuntimeException("container not running");
        if (all && ContainerCgroups.KillAll(record, signal)) return;
        using var init = InitProcess.Open(record) ?? throw new OciRuntimeException("container not running");
        if (!init.Signal(signal)) throw new OciRuntimeException("container not running");
    }
}
