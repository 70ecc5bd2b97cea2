namespace OciRuntime.Cgroups;

/// <summary>A v1 hierarchy's tasks file, open for the raw child to write "0" to (see <see cref="CgroupEntry"/>).</summary>
public sealed record CgroupTaskFile(string Directory, int Fd)
{
    /// <summary>The directory of the file a raw child reported failing on, for the one-line error.</summary>
    public static string DirectoryAt(IReadOnlyList<CgroupTaskFile> files, int index) =>
        files.ElementAtOrDefault(index)?.Directory ?? $"#{index}";
}

/// <summary>
/// The ways a process about to be cloned enters the container's cgroups (<see cref="CgroupManager.PrepareEntry"/>):
/// born inside the cgroup2 directory (<see cref="CloneFd"/>, CLONE_INTO_CGROUP), moving itself into each v1 hierarchy
/// through its tasks file before anything else (the thread is the whole single-threaded child, and the kernel checks
/// the credentials of the opener, the runtime), and by pid for the rest. Owns the fds.
/// </summary>
public sealed class CgroupEntry : IDisposable
{
    public int CloneFd { get; set; } = -1;
    public List<CgroupTaskFile> TaskFiles { get; } = [];
    /// <summary>Directories the parent writes the child's pid to (cgroup.procs).</summary>
    public List<string> ByPid { get; } = [];

    /// <summary>Every fd held, for a caller that closes them with others of its own instead of disposing.</summary>
    public IEnumerable<int> Fds => TaskFiles.Select(file => file.Fd).Prepend(CloneFd).Where(fd => fd >= 0);

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (CloneFd >= 0) Native.CgroupSyscalls.Close(CloneFd);
        foreach (var file in TaskFiles) Native.CgroupSyscalls.Close(file.Fd);
    }
}
