using OciRuntime.Cgroups;

namespace OciRuntime.Container.Exec;

/// <summary>
/// <c>exec --cgroup [CONTROLLER[,CONTROLLER]:]PATH</c> (repeatable): run the process in an existing sub-cgroup of
/// the container's instead of the container's own, for every hierarchy (no controller) or for the v1 controllers
/// named. The sub-cgroup must exist: exec never creates cgroups.
/// </summary>
public static class SubCgroups
{
    /// <param name="exists">Whether a host directory exists (seam for tests).</param>
    public static CgroupPaths Resolve(CgroupPaths container, IReadOnlyList<string> values, Func<string, bool> exists)
    {
        if (values.Count == 0) return container;
        var byController = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var colon = value.IndexOf(':');
            var path = colon < 0 ? value : value[(colon + 1)..];
            CheckPath(value, path);
            var controllers = colon < 0 ? [""] : value[..colon].Split(',');
            foreach (var controller in controllers)
            {
                if (colon >= 0 && controller.Length == 0) throw new OciRuntimeException($"--cgroup {value}: empty controller name");
                if (colon >= 0 && container.Mode == CgroupMode.Unified)
                    throw new OciRuntimeException($"--cgroup {value}: controller names are for cgroup v1; on cgroup v2 pass the path alone");
                if (colon >= 0 && !container.V1.ContainsKey(controller))
                    throw new OciRuntimeException($"--cgroup {value}: the container has no {controller} cgroup");
                if (!byController.TryAdd(controller, path))
                    throw new OciRuntimeException($"--cgroup {value}: {(controller.Length == 0 ? "the path" : controller)} given twice");
            }
        }
        var all = byController.GetValueOrDefault("");
        var v1 = container.V1.ToDictionary(
            entry => entry.Key,
            entry => (byController.TryGetValue(entry.Key, out var own) ? own : all) is { } sub ? Under(entry.Value, sub, exists) : entry.Value,
            StringComparer.Ordinal);
        var unified = container.Unified is { } dir && all != null ? Under(dir, all, exists) : container.Unified;
        return new CgroupPaths { Mode = container.Mode, V1 = v1, Unified = unified, Rootless = container.Rootless };
    }

    private static void CheckPath(string value, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new OciRuntimeException($"--cgroup {value}: empty path");
        if (parts.Contains("..")) throw new OciRuntimeException($"--cgroup {value}: the path must stay inside the container's cgroup");
    }

    private static string Under(string containerDir, string sub, Func<string, bool> exists)
    {
        var dir = Path.Join(containerDir, sub.Trim('/'));
        return exists(dir) ? dir : throw new OciRuntimeException($"--cgroup: {dir}: no such cgroup");
    }
}
