using System.Text;
using OciRuntime.Spec;

namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// Writes a new user namespace's uid_map, setgroups and gid_map from the parent, as runc does, and translates a
/// namespace's ids back to ours.
/// </summary>
internal static class IdMaps
{
    public static string Format(IEnumerable<LinuxIdMapping>? mappings)
    {
        var text = new StringBuilder();
        foreach (var m in mappings ?? []) text.Append($"{m.ContainerId} {m.HostId} {m.Size}\n");
        return text.ToString();
    }

    /// <summary>
    /// setgroups must be denied before gid_map is written when we could not write it as a privileged process
    /// (unprivileged user namespaces); as root we leave it allowed so additionalGids work.
    /// </summary>
    public static void Write(int pid, IEnumerable<LinuxIdMapping>? uids, IEnumerable<LinuxIdMapping>? gids, bool denySetgroups)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/uid_map", Format(uids));
            if (denySetgroups) File.WriteAllText($"/proc/{pid}/setgroups", "deny");
            File.WriteAllText($"/proc/{pid}/gid_map", Format(gids));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OciRuntimeException($"writing the user namespace id maps: {e.Message}");
        }
    }

    /// <summary>
    /// Our uid for <paramref name="uid"/> of the user namespace process <paramref name="pid"/> is in (the identity
    /// when it shares ours); null when that uid is not mapped.
    /// </summary>
    public static uint? HostUid(int pid, uint uid)
    {
        try
        {
            return ToHost(File.ReadAllText($"/proc/{pid}/uid_map"), uid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OciRuntimeException($"reading /proc/{pid}/uid_map: {e.Message}");
        }
    }

    /// <summary>Translates <paramref name="id"/> through a uid_map or gid_map as a process outside reads it (lines
    /// of "inside outside count"); null when no line covers it.</summary>
    public static uint? ToHost(string map, uint id)
    {
        foreach (var line in map.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3 || !uint.TryParse(fields[0], out var inside) || !uint.TryParse(fields[1], out var outside)
                || !uint.TryParse(fields[2], out var count))
                continue;
            if (id >= inside && id - inside < count) return outside + (id - inside);
        }
        return null;
    }
}
