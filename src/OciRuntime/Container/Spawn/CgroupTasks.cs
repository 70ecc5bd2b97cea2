using OciRuntime.Linux;

namespace OciRuntime.Container.Spawn;

/// <summary>
/// A raw child moving itself into the container's v1 hierarchies (see <see cref="Cgroups.CgroupEntry"/>): "0" written
/// to a tasks file moves the writing thread, without the global lock whose first taking after a pause waits for an
/// RCU grace period. Raw syscalls only.
/// </summary>
internal static unsafe class CgroupTasks
{
    /// <summary>The index of the first file the write failed on (errno in <see cref="RawSyscalls.Errno"/>), or -1.</summary>
    public static int Join(int* fds, int count)
    {
        var self = (byte)'0';
        for (var i = 0; i < count; i++)
        {
            if (RawSyscalls.Write(fds[i], &self, 1) != 1) return i;
        }
        return -1;
    }
}
