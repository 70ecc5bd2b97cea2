namespace OciRuntime.Cgroups;

/// <summary>
/// Turns linux.cgroupsPath into directories the way runc 1.1's fs (v1) and fs2 drivers do: an absolute path is
/// taken from the root of each hierarchy; a relative one (and the container id when the path is empty) from
/// the caller's own cgroup on v1, and from the parent of the caller's own cgroup on v2 (the caller's cgroup
/// has processes, so a v2 child of it could not get controllers enabled).
/// </summary>
public static class CgroupPathResolver
{
    public static CgroupPaths Resolve(CgroupHierarchy hierarchy, IReadOnlyDictionary<string, string> ownCgroups,
        string? cgroupsPath, string id, bool rootless = false)
    {
        var inner = CleanPath(cgroupsPath);
        if (inner.Length == 0) inner = CleanPath(id);
        if (inner is "." or "/")
            throw new OciRuntimeException($"linux.cgroupsPath: {cgroupsPath} names the caller's or the root cgroup, not a cgroup of its own");

        var v1 = new Dictionary<string, string>();
        foreach (var (controller, mount) in hierarchy.V1Mounts)
        {
            if (!CgroupHierarchy.KnownV1Controllers.Contains(controller)) continue;
            if (Path.IsPathRooted(inner))
            {
                v1[controller] = Join(mount.MountPoint, inner);
                continue;
            }
            if (!ownCgroups.TryGetValue(controller, out var own))
                throw new OciRuntimeException($"cgroup: the caller is in no {controller} cgroup (/proc/self/cgroup)");
            v1[controller] = Join(mount.MountPoint, RelativeToMountRoot(own, mount.Root), inner);
        }
        if (hierarchy.Mode != CgroupMode.Unified && !v1.ContainsKey("devices") && !rootless)
            throw new OciRuntimeException("cgroup: the devices controller is not mounted; refusing to run without device access control");

        string? unified = null;
        if (hierarchy.UnifiedMount is { } unifiedMount)
        {
            if (Path.IsPathRooted(inner))
                unified = Join(unifiedMount.MountPoint, inner);
            else if (ownCgroups.TryGetValue(ProcessCgroups.UnifiedKey, out var own))
                unified = Join(unifiedMount.MountPoint, ParentOf(RelativeToMountRoot(own, unifiedMount.Root)), inner);
            else if (hierarchy.Mode == CgroupMode.Unified)
                throw new OciRuntimeException("cgroup: the caller is in no cgroup2 cgroup (/proc/self/cgroup)");
        }

        return new CgroupPaths { Mode = hierarchy.Mode, V1 = v1, Unified = unified, Rootless = rootless };
    }

    /// <summary>
    /// runc's CleanPath: lexically cleaned, and a relative path can never climb above its base ("../x" is "x").
    /// Empty stays empty.
    /// </summary>
    public static string CleanPath(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "";
        var absolute = path.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        var joined = string.Join('/', parts);
        if (absolute) return "/" + joined;
        return joined.Length == 0 ? "." : joined;
    }

    /// <summary>/proc/self/cgroup shows host paths; inside a bind-mounted sub-hierarchy the mount root is cut off.</summary>
    private static string RelativeToMountRoot(string own, string mountRoot)
    {
        if (mountRoot == "/") return own;
        if (own == mountRoot) return "/";
        return own.StartsWith(mountRoot + "/", StringComparison.Ordinal) ? own[mountRoot.Length..] : own;
    }

    private static string ParentOf(string cgroup)
    {
        var slash = cgroup.LastIndexOf('/');
        return slash <= 0 ? "/" : cgroup[..slash];
    }

    private static string Join(params string[] parts) => CleanPath(string.Join('/', parts));
}
