using System.Runtime.InteropServices;
using System.Text;
using OciRuntime.Container.Spawn;

namespace OciRuntime.Linux;

/// <summary>
/// Runs a program with an exact argv (argv[0] included, which .NET's Process cannot set), a given environment and
/// stdio fds: clone3 plus a raw-syscall child that dup2s and execs, as <see cref="RawChild"/> does. Used for hooks.
/// The program gets stdio and nothing else, as a Go program's children do (runc's hooks): no sync socket, state
/// lock, log pipe or seccomp notify fd of ours leaks into it.
/// </summary>
internal static unsafe class ChildProcess
{
    /// <summary>Starts the program; returns its pid. Exec failure shows as exit status 127.</summary>
    public static int Start(string path, IReadOnlyList<string> argv, IReadOnlyList<string> environment, int stdinFd, int stdoutFd, int stderrFd)
    {
        using var args = new NativeStringArray(argv.Count > 0 ? argv : [path]);
        using var env = new NativeStringArray(environment);
        var pathBytes = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = pathBytes)
        {
            var state = new ExecState { Path = p, Argv = args.Pointer, Envp = env.Pointer, Stdin = stdinFd, Stdout = stdoutFd, Stderr = stderrFd };
            var clone = CloneArgs.ForChild(0, -1);
            return Clone3.Run(&clone, &RunChild, &state);
        }
    }

    private struct ExecState
    {
        public byte* Path;
        public byte** Argv;
        public byte** Envp;
        public int Stdin, Stdout, Stderr;
    }

    private static void RunChild(void* raw)
    {
        var state = (ExecState*)raw;
        RawSyscalls.UnblockAllSignals();
        if (RawSyscalls.Dup2(state->Stdin, 0) < 0 || RawSyscalls.Dup2(state->Stdout, 1) < 0 || RawSyscalls.Dup2(state->Stderr, 2) < 0)
            RawSyscalls.Exit(126);
        RawSyscalls.Syscall(SyscallNumbers.close_range, 3, uint.MaxValue, 0);
        RawSyscalls.Execve(state->Path, state->Argv, state->Envp);
        RawSyscalls.Exit(127);
    }

    /// <summary>Waits for a child; returns its wait status. A timeout kills it (SIGKILL) and returns null.</summary>
    public static int? Wait(int pid, TimeSpan? timeout)
    {
        var deadline = timeout is { } t ? Environment.TickCount64 + (long)t.TotalMilliseconds : long.MaxValue;
        int status;
        const int WNOHANG = 1;
        while (true)
        {
            var options = timeout == null ? 0 : WNOHANG;
            var r = Libc.WaitPid(pid, &status, options);
            if (r == pid) return status;
            if (r < 0 && Libc.LastErrno != Libc.EINTR) throw Errno.Last($"waitpid {pid}");
            if (Environment.TickCount64 >= deadline)
            {
                Libc.Kill(pid, 9);
                Libc.WaitPid(pid, &status, 0);
                return null;
            }
            if (r == 0) Thread.Sleep(2);
        }
    }

    public static bool Exited(int status) => (status & 0x7f) == 0;
    public static int ExitCode(int status) => (status >> 8) & 0xff;
    public static int TermSignal(int status) => status & 0x7f;

    /// <summary>Shell-style exit code: the code, or 128+N when killed by signal N.</summary>
    public static int ShellExitCode(int status) => Exited(status) ? ExitCode(status) : 128 + TermSignal(status);

    /// <summary>A wait status in Go's words, as runc reports a failed hook: "exit status 1", "signal: bad system
    /// call", "signal: aborted (core dumped)".</summary>
    public static string Describe(int status) =>
        Exited(status) ? $"exit status {ExitCode(status)}"
        : $"signal: {Signal.Describe(TermSignal(status))}" + ((status & CoreDumped) != 0 ? " (core dumped)" : "");

    private const int CoreDumped = 0x80;
}
