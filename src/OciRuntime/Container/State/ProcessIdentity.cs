using OciRuntime.Linux;

namespace OciRuntime.Container.State;

/// <summary>
/// Reads processes' identity from procfs. A pid alone does not identify a process: after it exits the
/// kernel may hand the pid to another one, so a recorded process is the live one only if its start time
/// matches too.
/// </summary>
public sealed class ProcessIdentity(string procRoot = "/proc")
{
    /// <summary>The process's stat, or null when no such process is visible.</summary>
    public ProcessStat? Read(int pid)
    {
        if (pid <= 0) return null;
        byte[] content;
        try
        {
            content = FileText.ReadBytes(Path.Combine(procRoot, pid.ToString(), "stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone (ENOENT, or ESRCH while it exits) or hidden from us (hidepid): either way not ours to track.
            return null;
        }
        return ProcessStat.TryParse(content, out var stat) ? stat : null;
    }

    /// <summary>True when <paramref name="pid"/> is the process started at <paramref name="startTime"/> and has not exited.</summary>
    public bool IsAlive(int pid, ulong startTime) =>
        Read(pid) is { } stat && stat.StartTime == startTime && !stat.HasExited;
}
