using System.Globalization;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups.Resources;

/// <summary>
/// linux.resources.pids as runtime-spec 1.3 and runc: pids.max, the same file in a v1 pids cgroup and a cgroup2
/// directory. An absent limit leaves the file alone, a negative one is "max", and 0 is a real limit written as 1,
/// as runc does because systemd cannot set TasksMax to 0 (one process, the init, is all such a container gets).
/// </summary>
public static class PidsPlan
{
    public static void Plan(LinuxPids? pids, CgroupTarget target)
    {
        if (MaxValue(pids?.Limit) is { } max) target.Write("pids.max", max);
    }

    public static string? MaxValue(long? limit) => limit switch
    {
        null => null,
        < 0 => "max",
        0 => "1",
        var value => value.Value.ToString(CultureInfo.InvariantCulture),
    };
}
