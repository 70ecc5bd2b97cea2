using System.Runtime.InteropServices;
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

    /// <summary>Signals a foreground `run` passes on to the container (SIGKILL and SIGSTOP cannot be caught).</summary>
    private static readonly int[] ForwardedSignals = [1, 2, 3, 10, 12, 14, 15, 18, 20, 21, 22, SIGWINCH];
    private const int SIGWINCH = 28;

    public static int Run(RunOptions options)
    {
        var create = options.Create;
        if (options.Detach)
        {
            ContainerCreate.Run(create with { StartFollows = true });
            ContainerStart.Run(create.Root, create.Id);
            return 0;
        }
        if (!options.NoSubreaper) Libc.Prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        // Without a console socket a terminal container gets ours: the pty master comes back on this pair.
        var (terminalEnd, initEnd) = create.ConsoleSocket == null ? SyncSocket.CreatePair() : (null, null);
        ContainerCreate.Created created;
        try
        {
            created = ContainerCreate.Run(create with { Foreground = true, StartFollows = true, ConsoleSocketFd = initEnd?.Fd ?? -1 });
        }
        finally
        {
            initEnd?.Dispose();
        }
        using var terminal = terminalEnd;
        using var proxy = created.Terminal && terminalEnd != null ? ConsoleProxy.Start(terminalEnd.ReceiveFd()) : null;
        var store = new StateStore(create.Root);
        var registrations = new List<PosixSignalRegistration>();
        try
        {
            foreach (var signal in ForwardedSignals)
            {
                registrations.Add(PosixSignalRegistration.Create((PosixSignal)signal, context =>
                {
                    context.Cancel = true;
                    if (signal == SIGWINCH && proxy != null) proxy.Resize();
                    else Libc.Kill(created.InitPid, signal);
                }));
            }
            ContainerStart.Run(create.Root, create.Id);
            var status = ChildProcess.Wait(created.InitPid, null) ?? 0;
            proxy?.Drain();
            return ChildProcess.ShellExitCode(status);
        }
        finally
        {
            foreach (var registration in registrations) registration.Dispose();
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
