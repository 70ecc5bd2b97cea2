using OciRuntime.Cgroups;

namespace OciRuntime.Container.Exec;

/// <summary>
/// <c>exec --cgroup [CONTROLLER[,CONTROLLER]:]PATH</c> (repeatable): run the process in a sub-cgroup of the
/// container's instead of the container's own, for every hierarchy (no controller) or for the v1 controllers named.
/// As in runc, PATH is relative to the container's cgroup ("/" or nothing is that cgroup itself) and may not lead out
/// of it. exec never creates cgroups: a missing one fails when the process is added to it.
/// </summary>
public static class SubCgroups
{
    public static CgroupPaths Resolve(CgroupPaths container, IReadOnlyList<string> values)
    {
        if (values.Count == 0) return container;
        var byController = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var colon = value.IndexOf(':');
            var path = Clean(colon < 0 ? value : value[(colon + 1)..]);
            var controllers = colon < 0 ? [""] : value[..colon].Split(',');
            foreach (var controller in controllers)
            {
                if (colon >= 0 && controller.Length == 0) throw new OciRuntimeException($"--cgroup {value}: empty controller name");
                if (colon >= 0 && container.Mode == CgroupMode.Unified)
                    throw new OciRuntimeException($"--cgroup {value}: controller names are for cgroup v1; on cgroup v2 pass the path alone");
                if (colon >= 0 && !container.V1.ContainsKey(controller))
                    throw new OciRuntimeException($"--cgroup {value}: unknown controller {controller} (the container has no such cgroup)");
                if (!byController.TryAdd(controller, path))
                    throw new OciRuntimeException($"--cgroup {value}: {(controller.Length == 0 ? "the path" : controller)} given twice");
            }
        }
        var all = byController.GetValueOrDefault("");
        var v1 = container.V1.ToDictionary(
            entry => entry.Key,
            entry => (byController.TryGetValue(entry.Key, out var own) ? own : all) is { } sub ? Path.Join(entry.Value, sub) : entry.Value,
            StringComparer.Ordinal);
        var unified = container.Unified is { } dir && all != null ? Path.Join(dir, all) : container.Unified;
        return new CgroupPaths { Mode = container.Mode, V1 = v1, Unified = unified, Rootless = container.Rootless };
    }

    /// <summary>The path relative to the container's cgroup with "." and ".." resolved ("" for that cgroup itself);
    /// one that leads above it is refused.</summary>
    private static string Clean(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part != "..") parts.Add(part);
            else if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
            else throw new OciRuntimeException($"--cgroup: {path} is not a sub cgroup path");
        }
        return string.Join('/', parts);
    }
}
