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
        if (status is ContainerStatus.Creating) throw new OciRuntimeException("container not running");
        if (all && status is ContainerStatus.Stopped)
        {
            // As runc 1.1: the init is gone, but processes of a shared pid namespace may outlive it in the cgroup;
            // with none left (or no cgroup) there is nothing to signal, and that is success.
            var cgroups = ContainerCgroups.Open(record);
            if (cgroups != null && cgroups.Pids().Count > 0) cgroups.KillAll(signal);
            return;
        }
        if (status is ContainerStatus.Stopped) throw new OciRuntimeException("container not running");
        if (all && ContainerCgroups.KillAll(record, signal)) return;
        using var init = InitProcess.Open(record) ?? throw new OciRuntimeException("container not running");
        if (!init.Signal(signal)) throw new OciRuntimeException("container not running");
    }
}
