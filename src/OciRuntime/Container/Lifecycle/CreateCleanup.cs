using OciRuntime.Cgroups;
using OciRuntime.Container.Spawn;
using OciRuntime.Container.State;
using OciRuntime.Linux;

namespace OciRuntime.Container.Lifecycle;

/// <summary>Undoes a create that did not finish: kills the init, removes the state directory. Nothing is left behind.</summary>
internal sealed class CreateCleanup(StateStore store, string id) : IDisposable
{
    private bool _armed = true;

    public int InitPid { get; set; }

    public CgroupManager? Cgroups { get; set; }

    public IntelRdt.IntelRdtGroup? IntelRdt { get; set; }

    public void Disarm() => _armed = false;

    public void Dispose()
    {
        if (!_armed) return;
        _armed = false;
        if (InitPid > 0)
        {
            Libc.Kill(InitPid, 9);
            InitSpawner.Reap(InitPid);
        }
        try
        {
            Cgroups?.Destroy();
        }
        catch (OciRuntimeException e)
        {
            RuntimeLog.Warn($"cleanup of {id}: {e.Message}");
        }
        try
        {
            IntelRdt?.Destroy(CgroupFileSystem.Host);
        }
        catch (OciRuntimeException e)
        {
            RuntimeLog.Warn($"cleanup of {id}: {e.Message}");
        }
        try
        {
            store.Delete(id);
        }
        catch (OciRuntimeException e)
        {
            RuntimeLog.Warn($"cleanup of {id}: {e.Message}");
        }
    }
}
