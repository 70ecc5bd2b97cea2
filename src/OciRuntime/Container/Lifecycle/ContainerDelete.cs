using OciRuntime.Container.Hooks;
using OciRuntime.Container.State;

namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// `delete [--force] ID`: a stopped (or merely created) container is destroyed; a running one only with --force.
/// Destroying kills what is left, removes the cgroups, runs poststop hooks and removes the state directory.
/// </summary>
public static class ContainerDelete
{
    public static void Run(string root, string id, bool force)
    {
        var store = new StateStore(root);
        ContainerLock held;
        try
        {
            held = store.Lock(id);
        }
        catch (ContainerNotFoundException) when (force)
        {
            return; // containerd's shim always deletes --force after a delete: nothing to do is success.
        }
        using (held)
        {
            var record = store.Load(id);
            var status = new StatusResolver().Resolve(record, store.PathsOf(id));
            if (status is ContainerStatus.Running or ContainerStatus.Paused && !force)
                throw new OciRuntimeException($"cannot delete container {id} that is not stopped: {status.ToOciString()}");
            Destroy(store, record);
        }
    }

    internal static void Destroy(StateStore store, ContainerRecord record)
    {
        using (var init = InitProcess.Open(record))
        {
            if (init != null)
            {
                ContainerCgroups.Thaw(record);
                init.Signal(9);
                if (!init.WaitForExit(TimeSpan.FromSeconds(10)))
                    throw new OciRuntimeException($"container init {init.Pid} did not exit after SIGKILL");
            }
        }
        ContainerCgroups.Destroy(record);
        record.IntelRdt?.Destroy(Cgroups.CgroupFileSystem.Host);
        if (RecordedSpec.Hooks(record)?.Poststop is { Count: > 0 } hooks)
        {
            try
            {
                HookRunner.Run("poststop", hooks, ContainerCreate.StateJson(record, "stopped", 0));
            }
            catch (OciRuntimeException e)
            {
                RuntimeLog.Warn(e.Message);
            }
        }
        store.Delete(record.Id);
    }
}
