using System.Text;
using OciRuntime.Linux;

namespace OciRuntime.Container.Init;

/// <summary>
/// process.oomScoreAdj, written to /proc/PID/oom_score_adj: the init's at create, and for an exec'd process its
/// own (a --process file's, as runc 1.3), else the container's (recorded at create). Kubernetes relies on the
/// latter: exec probes would otherwise keep the shim's score, near -1000 on a node. Lowering the score needs
/// CAP_SYS_RESOURCE; a refused write is one errno line naming the file, as runc's.
/// </summary>
internal static class OomScore
{
    /// <summary>Writes VALUE, when set, for process PID (0: the calling process).</summary>
    public static void Apply(int? value, int pid = 0)
    {
        if (value is not { } score) return;
        var path = pid == 0 ? "/proc/self/oom_score_adj" : $"/proc/{pid}/oom_score_adj";
        var fd = Libc.Open(path, Libc.O_WRONLY | Libc.O_CLOEXEC, 0);
        if (fd < 0) throw Errno.Exception($"oomScoreAdj {score}: open {path}", Libc.LastErrno);
        var errno = FileDescriptorWrites.WriteAll(fd, Encoding.ASCII.GetBytes(score.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Libc.Close(fd);
        if (errno != 0) throw Errno.Exception($"oomScoreAdj {score}: write {path}", errno);
    }
}
