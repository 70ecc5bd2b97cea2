using OciRuntime.Cgroups;
using OciRuntime.Container.State;

namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// `update ID`: changes the limits of a created, running or paused container in its cgroup, live. Nothing is
/// persisted: the state keeps no copy of the resources, so there is nothing to get out of step with the cgroup,
/// which stays the one place the limits live.
/// </summary>
public static class ContainerUpdate
{
    public static void Run(string root, string id, UpdateRequest request)
    {
        // ocirun has no Intel RDT support: it is never enabled, and runc refuses the schemas then.
        if (request.L3CacheSchema != null) throw new OciRuntimeException("Intel RDT/CAT: l3 cache schema is not enabled");
        if (request.MemBwSchema != null) throw new OciRuntimeException("Intel RDT/MBA: memory bandwidth schema is not enabled");
        var store = new StateStore(root);
        using var held = store.Lock(id);
        var record = store.Load(id);
        var status = new StatusResolver().Resolve(record, store.PathsOf(id));
        if (status is ContainerStatus.Stopped or ContainerStatus.Creating)
            throw new OciRuntimeException("container not running");
        ContainerCgroups.Require(record).Update(request.Resources);
    }
}
