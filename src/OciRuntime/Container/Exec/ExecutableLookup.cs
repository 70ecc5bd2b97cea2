namespace OciRuntime.Container.Exec;

/// <summary>
/// Finds the program inside the container before anything is started, as Go's exec.LookPath does in runc's init:
/// a name with a slash is taken as is (relative to the cwd), otherwise each $PATH entry is tried. The check goes
/// through a seam: the caller resolves inside the container's root.
/// </summary>
public static class ExecutableLookup
{
    public enum Probe { Missing, NotExecutable, Executable }

    /// <param name="probe">Looks at a container-absolute path.</param>
    /// <returns>The path to execve, as the container sees it.</returns>
    public static string Find(string file, string searchPath, string cwd, Func<string, Probe> probe)
    {
        if (file.Contains('/'))
        {
            return probe(Absolute(file, cwd)) switch
            {
                Probe.Executable => file,
                Probe.NotExecutable => throw new OciRuntimeException($"exec: \"{file}\": permission denied"),
                _ => throw new OciRuntimeException($"exec: \"{file}\": no such file or directory"),
            };
        }
        foreach (var entry in searchPath.Split(':'))
        {
            var dir = entry.Length == 0 ? "." : entry;
            var candidate = dir.EndsWith('/') ? dir + file : dir + "/" + file;
            if (probe(Absolute(candidate, cwd)) == Probe.Executable) return candidate;
        }
        throw new OciRuntimeException($"exec: \"{file}\": executable file not found in $PATH");
    }

    private static string Absolute(string path, string cwd) =>
        path.StartsWith('/') ? path : (cwd.EndsWith('/') ? cwd : cwd + "/") + path;
}
