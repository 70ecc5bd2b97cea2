using OciRuntime.Container.Hooks;
using OciRuntime.Container.State;
using OciRuntime.Linux;

namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// `start`: opens the exec fifo for reading, which releases the init blocked writing it; the byte it writes says it
/// is on its way to exec. The fifo is then removed, so status reads "running". No config parsing unless the
/// container has poststart hooks to run.
/// </summary>
public static class ContainerStart
{
    public static void Run(string root, string id)
    {
        var store = new StateStore(root);
        using var held = store.Lock(id);
        var record = store.Load(id);
        var paths = store.PathsOf(id);
        var status = new StatusResolver().Resolve(record, paths);
        switch (status)
        {
            case ContainerStatus.Created:
                break;
            case ContainerStatus.Stopped:
                throw new OciRuntimeException("cannot start a container that has stopped");
            case ContainerStatus.Running or ContainerStatus.Paused:
                throw new OciRuntimeException("cannot start an already running container");
            default:
                throw new OciRuntimeException($"cannot start a container in the {status.ToOciString()} state");
        }
        using (var init = InitProcess.Open(record) ?? throw new OciRuntimeException("cannot start a container that has stopped"))
            ReleaseInit(paths.ExecFifo, init);
        record.Phase = LifecyclePhase.Running;
        store.Save(record);
        RunPoststartHooks(record);
    }

    private static unsafe void ReleaseInit(string fifoPath, InitProcess init)
    {
        var fd = Errno.Check(Libc.Open(fifoPath, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0), "open exec.fifo");
        try
        {
            var poll = new Libc.PollFd { Fd = fd, Events = 1 /* POLLIN */ };
            while (true)
            {
                var r = Libc.Poll(&poll, 1, 100);
                if (r < 0 && Libc.LastErrno == Libc.EINTR) continue;
                if (r < 0) throw Errno.Last("poll exec.fifo");
                if (r > 0)
                {
                    byte b;
                    if (Libc.Read(fd, &b, 1) == 1) break;
                }
                // Nothing yet: the init may have died while waiting, and then nobody will ever write.
                if (init.WaitForExit(TimeSpan.Zero)) throw new OciRuntimeException("cannot start a container that has stopped");
            }
        }
        finally
        {
            Libc.Close(fd);
        }
        Libc.Unlink(fifoPath);
    }

    /// <summary>
    /// Poststart failures are logged, not fatal: the spec lets the container go on. The hooks are the ones recorded
    /// at create: later edits of config.json do not affect a container.
    /// </summary>
    private static void RunPoststartHooks(ContainerRecord record)
    {
        if (record.Hooks?.Poststart is not { Count: > 0 } hooks) return;
        try
        {
            HookRunner.Run("poststart", hooks, ContainerCreate.StateJson(record, "running", record.InitPid));
        }
        catch (OciRuntimeException e)
        {
            RuntimeLog.Warn(e.Message);
        }
    }
}
