using OciRuntime.Cgroups;
using OciRuntime.Container.State;
using OciRuntime.IntelRdt;

namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// `update ID`: changes the limits of a created, running or paused container in its cgroup, live, and its Intel
/// RDT schemata. Nothing is persisted but a resctrl group made here: the state keeps no copy of the resources, so
/// there is nothing to get out of step with the cgroup, which stays the one place the limits live.
/// </summary>
public static class ContainerUpdate
{
    public static void Run(string root, string id, UpdateRequest request)
    {
        var schemata = SchemataOf(request);
        var resctrl = schemata == null ? null : RequireResctrl(request);
        var store = new StateStore(root);
        using var held = store.Lock(id);
        var record = store.Load(id);
        var status = new StatusResolver().Resolve(record, store.PathsOf(id));
        if (status is ContainerStatus.Stopped or ContainerStatus.Creating)
            throw new OciRuntimeException("container not running");
        ContainerCgroups.Require(record).Update(request.Resources);
        if (schemata == null) return;
        if (record.IntelRdt == null)
        {
            // As runc: a container created without intelRdt gets a group of its own, with its init in it.
            record.IntelRdt = IntelRdtGroup.Create(new Spec.LinuxIntelRdt(), id, resctrl!, CgroupFileSystem.Host);
            store.Save(record);
            record.IntelRdt.Join(CgroupFileSystem.Host, record.InitPid);
        }
        record.IntelRdt.WriteSchemata(CgroupFileSystem.Host, schemata);
    }

    private static string? SchemataOf(UpdateRequest request) =>
        IntelRdtGroup.SchemataText(new Spec.LinuxIntelRdt { L3CacheSchema = request.L3CacheSchema, MemBwSchema = request.MemBwSchema });

    /// <summary>runc's refusals, before the container is looked at.</summary>
    private static ResctrlHost RequireResctrl(UpdateRequest request)
    {
        var host = ResctrlHost.Detect(CgroupFileSystem.Host);
        if (request.L3CacheSchema != null && host is not { Cat: true })
            throw new OciRuntimeException("Intel RDT/CAT: l3 cache schema is not enabled");
        if (request.MemBwSchema != null && host is not { Mba: true })
            throw new OciRuntimeException("Intel RDT/MBA: memory bandwidth schema is not enabled");
        return host!;
    }
}
