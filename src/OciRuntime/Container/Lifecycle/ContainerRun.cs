using OciRuntime.Container.Console;
using OciRuntime.Container.Spawn;
using OciRuntime.Container.State;
using OciRuntime.Linux;

namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// `run`: create and start; in the foreground, stay the init's parent, forward signals to it, and leave with its
/// exit code (128+N when signal N killed it), deleting the container unless --keep.
/// </summary>
public static class ContainerRun
{
    private const int PR_SET_CHILD_SUBREAPER = 36;

    public static int Run(RunOptions options)
    {
        var create = options.Create;
        if (options.Detach)
        {
            ContainerCreate.Run(create with { StartFollows = true });
            try
            {
                ContainerStart.Run(create.Root, create.Id);
            }
            catch (OciRuntimeException)
            {
                // As runc's run: a container that failed to start (a poststart hook) is destroyed.
                DeleteQuietly(new StateStore(create.Root), create.Id);
                throw;
            }
            return 0;
        }
        if (!options.NoSubreaper) Libc.Prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        // From the start, so that a signal sent while the container is made is passed on once it runs, not lost.
        var forwarder = new SignalForwarder();
        // Without a console socket a terminal container gets ours: the pty master comes back on this pair.
        var (terminalEnd, initEnd) = create.ConsoleSocket == null ? SyncSocket.CreatePair() : (null, null);
        ContainerCreate.Created created;
        try
        {
            created = ContainerCreate.Run(create with { Foreground = true, StartFollows = true, ConsoleSocketFd = initEnd?.Fd ?? -1 });
        }
        catch
        {
            forwarder.Dispose();
            terminalEnd?.Dispose();
            throw;
        }
        finally
        {
            initEnd?.Dispose();
        }
        using var terminal = terminalEnd;
        var store = new StateStore(create.Root);
        try
        {
            using (forwarder)
            {
                using var proxy = created.Terminal && terminalEnd != null ? ConsoleProxy.Start(terminalEnd.ReceiveFd()) : null;
                ContainerStart.Run(create.Root, create.Id);
                var status = forwarder.Wait(created.InitPid, proxy);
                proxy?.Drain();
                return ChildProcess.ShellExitCode(status);
            }
        }
        finally
        {
            if (!options.Keep) DeleteQuietly(store, create.Id);
        }
    }

    private static void DeleteQuietly(StateStore store, string id)
    {
        try
        {
            using var held = store.Lock(id);
            ContainerDelete.Destroy(store, store.Load(id));
        }
        catch (ContainerNotFoundException)
        {
        }
    }
}
