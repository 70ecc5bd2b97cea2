using OciRuntime.Container.Lifecycle;
using OciRuntime.Spec;

namespace OciRuntime.Container.Rootfs;

/// <summary>
/// The mappings of an id-mapped mount: explicit ones (the mount's own, or the container's user namespace maps),
/// or a user namespace joined by path. Mounts with the same mappings share one user namespace.
/// </summary>
internal sealed record IdMapping(IReadOnlyList<LinuxIdMapping> Uids, IReadOnlyList<LinuxIdMapping> Gids, string? UserNamespacePath)
{
    public string Key => UserNamespacePath ?? $"{IdMaps.Format(Uids)}/{IdMaps.Format(Gids)}";
}

/// <summary>
/// One mounts[] entry made id-mapped: a detached copy of <paramref name="Source"/> (with its submounts when
/// <paramref name="CloneSubmounts"/>), id-mapped on its top mount only (idmap) or on every mount (ridmap).
/// </summary>
internal sealed record IdMappedMount(int Index, string Source, string Destination, bool CloneSubmounts, bool Recursive, IdMapping Mapping);

/// <summary>
/// Decides which mounts are id-mapped and with which mappings, as runc 1.2 does: a mount's own uidMappings/gidMappings,
/// else the container's user namespace (its maps, or the namespace itself when it is joined by path).
/// The config validator has already refused the combinations that cannot work.
/// </summary>
internal static class IdMappedMountPlanner
{
    public static IReadOnlyList<IdMappedMount> Plan(RuntimeSpec spec, string bundle, bool rootless)
    {
        var planned = new List<IdMappedMount>();
        var mounts = spec.Mounts ?? [];
        for (var i = 0; i < mounts.Count; i++)
        {
            var mount = mounts[i];
            var options = MountOptions.Parse(mount.Options, mount.Type);
            // Mappings without either option mean idmap, as in runc 1.2.
            var hasMappings = mount.UidMappings is { Count: > 0 } || mount.GidMappings is { Count: > 0 };
            if (!options.IdMap && !options.RecursiveIdMap && !hasMappings) continue;
            if (rootless)
                throw new OciRuntimeException($"mount {mount.Destination}: idmapped mounts are not supported for rootless containers");
            if (MountSources.HostPath(mount, options, bundle) is not { Length: > 0 } source)
                throw new OciRuntimeException($"mount {mount.Destination}: an idmapped bind mount needs a source");
            planned.Add(new IdMappedMount(i, source, mount.Destination,
                CloneSubmounts: options.IsRecursive || options.RecursiveIdMap,
                Recursive: options.RecursiveIdMap,
                MappingOf(mount, spec.Linux)));
        }
        return planned;
    }

    private static IdMapping MappingOf(Mount mount, Spec.Linux? linux)
    {
        if (mount.UidMappings is { Count: > 0 } uids && mount.GidMappings is { Count: > 0 } gids) return new IdMapping(uids, gids, null);
        var user = linux?.Namespaces?.FirstOrDefault(ns => ns.Type == "user")
                   ?? throw new OciRuntimeException($"mount {mount.Destination}: idmap without uidMappings and gidMappings needs a user namespace");
        if (!string.IsNullOrEmpty(user.Path)) return new IdMapping([], [], user.Path);
        return new IdMapping(linux?.UidMappings ?? [], linux?.GidMappings ?? [], null);
    }
}
