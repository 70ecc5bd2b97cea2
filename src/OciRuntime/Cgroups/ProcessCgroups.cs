using OciRuntime.Linux;

namespace OciRuntime.Cgroups;

/// <summary>
/// A process's cgroup memberships from /proc/PID/cgroup ("ID:CONTROLLERS:PATH" lines). Keys are the v1
/// controller names (each of a co-mounted list, "name=systemd" as written) and "" for the cgroup2 hierarchy.
/// </summary>
public static class ProcessCgroups
{
    public const string UnifiedKey = "";

    public static IReadOnlyDictionary<string, string> ReadSelf() => Parse(FileText.Read("/proc/self/cgroup"));

    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var first = line.IndexOf(':');
            var second = first < 0 ? -1 : line.IndexOf(':', first + 1);
            if (second < 0) throw new OciRuntimeException($"cgroup: malformed /proc/self/cgroup line {line}");
            var path = line[(second + 1)..];
            var controllers = line[(first + 1)..second];
            if (controllers.Length == 0)
            {
                result[UnifiedKey] = path;
                continue;
            }
            foreach (var controller in controllers.Split(','))
                result[controller] = path;
        }
        return result;
    }
}
