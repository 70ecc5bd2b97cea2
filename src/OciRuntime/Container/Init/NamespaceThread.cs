using System.Runtime.ExceptionServices;
using OciRuntime.Linux;

namespace OciRuntime.Container.Init;

/// <summary>
/// Runs managed code inside a container's mount, uts, ipc, network and cgroup namespaces on a thread of its own:
/// the thread unshares its filesystem context (root and cwd), then setns(2)es into each (the kernel allows a thread
/// all of these, but no user namespace). The other threads of the process stay on the host. Code run here must
/// not load anything lazily by path (libraries, a log file): it would find the container's files.
/// </summary>
internal static class NamespaceThread
{
    private const int CLONE_FS = 0x200;

    /// <summary>Runs <paramref name="action"/> on a fresh thread in the namespaces behind <paramref name="namespaceFds"/>
    /// (opened /proc/PID/ns links, in setns order) and rethrows what it threw. The thread ends with it.</summary>
    public static void Run(IReadOnlyList<int> namespaceFds, Action action)
    {
        RuntimeLog.BeforeLeavingHost();
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                if (RawSyscalls.Unshare(CLONE_FS) < 0) throw Errno.Exception("unshare the filesystem context", RawSyscalls.Errno);
                foreach (var fd in namespaceFds)
                    if (RawSyscalls.Setns(fd, 0) < 0) throw Errno.Exception("entering the container's namespaces", RawSyscalls.Errno);
                action();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, 1 << 20) { IsBackground = true, Name = "ocirun container setup" };
        thread.Start();
        thread.Join();
        failure?.Throw();
    }
}
