using System.Runtime.CompilerServices;

namespace OciRuntime.Linux;

/// <summary>
/// Signals this process receives, read one by one from a signalfd instead of handled. The signals are blocked in
/// every thread, the runtime's finalizer thread included: the kernel hands a signal to any thread that does not block
/// it, and one taken there (caught, or its default action) never reaches the signalfd. Much cheaper than PosixSignalRegistration, which starts
/// .NET's signal thread and its machinery: a foreground run or exec only needs to pass signals on.
/// Children inherit the blocked mask; every child ocirun starts sets its own before it execs.
/// </summary>
internal sealed unsafe class SignalQueue : IDisposable
{
    private const int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SFD_CLOEXEC = 0x80000, KernelSigsetSize = 8;

    // The kernel's struct signalfd_siginfo: ssi_signo is its first field, and every read returns whole records.
    private const int SiginfoSize = 128;

    private readonly ulong _mask;
    private readonly int _fd;

    private SignalQueue(ulong mask, int fd)
    {
        _mask = mask;
        _fd = fd;
    }

    /// <summary>Blocks <paramref name="signals"/> in every thread and opens the queue they collect in; signals
    /// already pending (sent before) come out first.</summary>
    public static SignalQueue Open(ReadOnlySpan<int> signals)
    {
        var mask = MaskOf(signals);
        SetThreadMask(SIG_BLOCK, mask);
        try
        {
            if ((RuntimeThreadSignals.Blocked & mask) != mask) FinalizerThreadMask.Block(mask);
            var fd = (int)Libc.Syscall(SyscallNumbers.signalfd4, -1, (long)&mask, KernelSigsetSize, SFD_CLOEXEC, 0);
            if (fd < 0) throw Errno.Last("signalfd");
            return new SignalQueue(mask, fd);
        }
        catch
        {
            SetThreadMask(SIG_UNBLOCK, mask);
            throw;
        }
    }

    /// <summary>Waits for the next signal; returns its number.</summary>
    public int Next()
    {
        var info = stackalloc byte[SiginfoSize];
        while (true)
        {
            var n = Libc.Read(_fd, info, SiginfoSize);
            if (n == SiginfoSize) return *(int*)info;
            if (n < 0 && Libc.LastErrno == Libc.EINTR) continue;
            throw Errno.Last("read signalfd");
        }
    }

    /// <summary>Drops the signals still queued (they were meant for a child that has gone; unblocked, one would now
    /// end this process with its default action), closes the queue and lets the calling thread take these signals
    /// again (the finalizer thread keeps blocking them, which only matters to a process that goes on to need their
    /// default action there).</summary>
    public void Dispose()
    {
        const int F_SETFL = 4;
        var info = stackalloc byte[SiginfoSize];
        if (Libc.Fcntl(_fd, F_SETFL, Libc.O_NONBLOCK) == 0)
        {
            while (Libc.Read(_fd, info, SiginfoSize) == SiginfoSize)
            {
            }
        }
        Libc.Close(_fd);
        SetThreadMask(SIG_UNBLOCK, _mask);
    }

    private static ulong MaskOf(ReadOnlySpan<int> signals)
    {
        ulong mask = 0;
        foreach (var signal in signals) mask |= 1UL << (signal - 1);
        return mask;
    }

    private static void SetThreadMask(int how, ulong mask)
    {
        if (Libc.Syscall(SyscallNumbers.rt_sigprocmask, how, (long)&mask, 0, KernelSigsetSize, 0) < 0)
            throw Errno.Last("rt_sigprocmask");
    }

    /// <summary>
    /// The finalizer thread starts before Main with the signal mask ocirun was started with, and only a thread can
    /// change its own mask: a finalizer is the one piece of our code that runs there. A collection finds the
    /// object unreachable and the finalizer thread runs it before WaitForPendingFinalizers returns. (The collection
    /// a clone's no-GC region starts with does not finalize: it is a minimal one.) Not compacting spares it writes.
    /// </summary>
    private sealed class FinalizerThreadMask
    {
        private static long s_blocked;
        private readonly ulong _mask;

        private FinalizerThreadMask(ulong mask) => _mask = mask;

        ~FinalizerThreadMask()
        {
            var mask = _mask;
            if (Libc.Syscall(SyscallNumbers.rt_sigprocmask, SIG_BLOCK, (long)&mask, 0, KernelSigsetSize, 0) == 0)
                Interlocked.Or(ref s_blocked, (long)mask);
        }

        public static void Block(ulong mask)
        {
            for (var attempt = 0; attempt < 3 && !Blocked(mask); attempt++)
            {
                Abandon(mask);
                GC.Collect(0, GCCollectionMode.Forced, blocking: true, compacting: false);
                GC.WaitForPendingFinalizers();
            }
            if (!Blocked(mask))
                throw new OciRuntimeException("cannot block signals in the finalizer thread");
        }

        private static bool Blocked(ulong mask) => ((ulong)Volatile.Read(ref s_blocked) & mask) == mask;

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Abandon(ulong mask) => _ = new FinalizerThreadMask(mask);
    }
}
