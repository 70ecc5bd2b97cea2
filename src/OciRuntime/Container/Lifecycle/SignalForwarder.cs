using OciRuntime.Container.Console;
using OciRuntime.Linux;

namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// The foreground of `run` and `exec`: wait for our child (the container's init, or the exec'd program) and pass
/// on to it every signal the caller sends us meanwhile; a window size change goes to the relayed terminal instead,
/// when there is one. Open it first thing: before any thread that is not the runtime's starts (the console relay),
/// so that thread blocks the signals too, and while the heap is small, which makes the finalizer thread's collection
/// (SignalQueue) cheap.
/// </summary>
internal sealed class SignalForwarder : IDisposable
{
    /// <summary>SIGKILL and SIGSTOP cannot be caught; SIGCHLD says the child may have exited.</summary>
    private static readonly int[] Signals =
    [
        Signal.SIGHUP, Signal.SIGINT, Signal.SIGQUIT, Signal.SIGUSR1, Signal.SIGUSR2, Signal.SIGALRM, Signal.SIGTERM,
        Signal.SIGCONT, Signal.SIGTSTP, Signal.SIGTTIN, Signal.SIGTTOU, Signal.SIGWINCH, Signal.SIGCHLD,
    ];

    private readonly SignalQueue _queue = SignalQueue.Open(Signals);

    /// <summary>Waits for <paramref name="pid"/> to end; returns its wait status.</summary>
    public unsafe int Wait(int pid, ConsoleProxy? terminal)
    {
        const int WNOHANG = 1;
        while (true)
        {
            int status;
            var reaped = Libc.WaitPid(pid, &status, WNOHANG);
            if (reaped == pid) return status;
            if (reaped < 0 && Libc.LastErrno != Libc.EINTR) throw Errno.Last($"waitpid {pid}");
            var signal = _queue.Next();
            if (signal == Signal.SIGCHLD) continue;
            if (signal == Signal.SIGWINCH && terminal != null) terminal.Resize();
            else Libc.Kill(pid, signal);
        }
    }

    public void Dispose() => _queue.Dispose();
}
