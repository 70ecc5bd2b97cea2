using OciRuntime.Cgroups.Resources;

namespace OciRuntime.Cgroups.V2;

/// <summary>
/// linux.resources.unified: cgroup2 files written as given, last, so they override the converted values. Each key
/// must name a file of the container's cgroup; one that does not is explained (bad form, controller not
/// available) before anything is written.
/// </summary>
public static class V2UnifiedPlan
{
    public static void Plan(Dictionary<string, string>? unified, CgroupTarget target)
    {
        foreach (var (key, value) in (unified ?? []).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Validate(key, target);
            target.Write(key, value);
        }
    }

    private static void Validate(string key, CgroupTarget target)
    {
        if (key.Contains('/') || key is "" or "." or "..")
            throw new OciRuntimeException($"linux.resources.unified: \"{key}\" must be a file name (no slashes)");
        if (target.Has(key)) return;
        var dot = key.IndexOf('.');
        if (dot <= 0 || dot == key.Length - 1)
            throw new OciRuntimeException($"linux.resources.unified: \"{key}\" must be in the form CONTROLLER.PARAMETER");
        var controller = key[..dot];
        var available = (target.Read("cgroup.controllers") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (controller != "cgroup" && !available.Contains(controller))
            throw new OciRuntimeException(
                $"linux.resources.unified: \"{key}\" cannot be set: controller {controller} is not available (cgroup.controllers: {string.Join(' ', available)})");
        throw new OciRuntimeException($"linux.resources.unified: \"{key}\" cannot be set: {target.Directory} has no such file");
    }
}
