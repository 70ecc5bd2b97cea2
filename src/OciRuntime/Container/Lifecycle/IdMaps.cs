using System.Text;
using OciRuntime.Spec;

namespace OciRuntime.Container.Lifecycle;

/// <summary>Writes a new user namespace's uid_map, setgroups and gid_map from the parent, as runc does.</summary>
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
}
