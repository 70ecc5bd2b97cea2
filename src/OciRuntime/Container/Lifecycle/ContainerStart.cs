using OciRuntime.Container.Hooks;
using OciRuntime.Container.State;
using OciRuntime.Linux;

namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// `start`: writes one byte into the exec fifo, which releases the init blocked reading it, and removes the fifo,
/// so status reads "running". No config parsing: poststart hooks were recorded at create.
/// </summary>
public static class ContainerStart
{
    private const int ENXIO = 6;

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
        var poststart = RecordedSpec.Hooks(record)?.Poststart;
        ReleaseInit(paths.ExecFifo, waitForExec: poststart is { Count: > 0 });
        record.Phase = LifecyclePhase.Running;
        store.Save(record);
        RunPoststartHooks(record, poststart);
    }

    /// <summary>
    /// Writes the byte the init waits for. The fifo has a reader only while the init lives: with none, opening
    /// for writing fails (ENXIO) and the container has stopped.
    /// With <paramref name="waitForExec"/>, returns only once the init has exec'd the user's program (or died): its
    /// fifo fd is close-on-exec, so the write end then reports POLLERR (no reader left). Poststart hooks must come
    /// after the startContainer hooks and the program's start, not race them.
    /// </summary>
    private static unsafe void ReleaseInit(string fifoPath, bool waitForExec)
    {
        var fd = Libc.Open(fifoPath, Libc.O_WRONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
        if (fd < 0 && Libc.LastErrno == ENXIO) throw new OciRuntimeException("cannot start a container that has stopped");
        Errno.Check(fd, "open exec.fifo");
        try
        {
            byte go = (byte)'0';
            if (Libc.Write(fd, &go, 1) != 1) throw Errno.Last("write exec.fifo");
            if (waitForExec) WaitForNoReader(fd);
        }
        finally
        {
            Libc.Close(fd);
        }
        Libc.Unlink(fifoPath);
    }

    private static unsafe void WaitForNoReader(int fifoWriteFd)
    {
        // Events 0: only POLLERR/POLLHUP, which a fifo's write end reports once the last reader is gone.
        var poll = new Libc.PollFd { Fd = fifoWriteFd, Events = 0 };
        while (Libc.Poll(&poll, 1, -1) < 0 && Libc.LastErrno == Libc.EINTR)
        {
        }
    }

    /// <summary>
    /// runtime-spec 1.3 (and runc 1.4): a failed poststart hook is an error; the container is stopped (its init
    /// killed, as runc terminates it) and the lifecycle goes on with `delete`, which runs the poststop hooks. The
    /// hooks are the ones recorded at create: later edits of config.json do not affect a container.
    /// </summary>
    private static void RunPoststartHooks(ContainerRecord record, List<OciRuntime.Spec.Hook>? hooks)
    {
        if (hooks is not { Count: > 0 }) return;
        try
        {
            HookRunner.Run("poststart", hooks, ContainerCreate.StateJson(record, "running", record.InitPid));
        }
        catch (OciRuntimeException)
        {
            using var init = InitProcess.Open(record);
            if (init != null && init.Signal(Signal.SIGKILL)) init.WaitForExit(TimeSpan.FromSeconds(10));
            throw;
        }
    }
}
