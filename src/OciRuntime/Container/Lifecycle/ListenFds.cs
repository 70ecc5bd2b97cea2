namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// Socket activation: when our caller was handed LISTEN_FDS for us, those fds (from 3) pass to the container
/// ahead of --preserve-fds, and the container's environment says so (LISTEN_FDS=n, LISTEN_PID=1), as runc does.
/// </summary>
internal static class ListenFds
{
    public static int Count()
    {
        var fds = Environment.GetEnvironmentVariable("LISTEN_FDS");
        var pid = Environment.GetEnvironmentVariable("LISTEN_PID");
        if (fds == null || !int.TryParse(fds, out var n) || n <= 0) return 0;
        if (pid != null && pid != Environment.ProcessId.ToString()) return 0;
        return n;
    }

    public static List<string> ContainerEnvironment(int count) =>
        count > 0 ? [$"LISTEN_FDS={count}", "LISTEN_PID=1"] : [];
}
