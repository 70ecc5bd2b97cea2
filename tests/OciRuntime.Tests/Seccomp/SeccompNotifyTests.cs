using System.Runtime.InteropServices;
using System.Text;
using OciRuntime.Seccomp;
using Xunit;
using static OciRuntime.Seccomp.LibSeccompConstants;

namespace OciRuntime.Tests.Seccomp;

/// <summary>
/// SCMP_ACT_NOTIFY end to end on a dedicated thread (see <see cref="SeccompInstallTests"/>): the program carries
/// NEW_LISTENER, Install returns the notify fd, and an agent on another thread answers the trapped syscall.
/// </summary>
public unsafe class SeccompNotifyTests
{
    private const int PR_SET_NO_NEW_PRIVS = 38;
    private const uint SECCOMP_IOCTL_NOTIF_RECV = 0xc0502100;
    private const uint SECCOMP_IOCTL_NOTIF_SEND = 0xc0182101;
    private const int EROFS = 30;

    [StructLayout(LayoutKind.Sequential)]
    private struct SeccompNotif
    {
        public ulong Id;
        public uint Pid;
        public uint Flags;
        public int Nr;
        public uint Arch;
        public ulong InstructionPointer;
        public fixed ulong Args[6];
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SeccompNotifResp
    {
        public ulong Id;
        public long Val;
        public int Error;
        public uint Flags;
    }

    [Fact]
    public void Notify_rule_hands_the_syscall_to_the_agent()
    {
        var profile = new SeccompProfile(ActAllow, [], new SeccompFlagRequest(SeccompFilterFlags.None, false),
            [new SeccompRule(0, "mkdir", ActNotify, []), new SeccompRule(0, "mkdirat", ActNotify, [])]);
        CompiledSeccompFilter compiled = SeccompCompiler.Compile(profile, LibSeccompNative.Instance);
        using var program = new SeccompProgram(compiled.Program, compiled.Flags);
        Assert.True(program.HasListener);
        using var dir = new TemporaryDirectory();
        string target = Path.Combine(dir.Path, "asked");

        using var installed = new ManualResetEventSlim();
        int fd = -1, mkdirResult = 0, mkdirErrno = 0;
        Exception? failure = null;
        var filtered = new Thread(() =>
        {
            try
            {
                if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) throw new InvalidOperationException("prctl");
                fd = program.Install();
            }
            catch (Exception e)
            {
                failure = e;
                return;
            }
            finally
            {
                installed.Set();
            }
            mkdirResult = mkdir(Encoding.UTF8.GetBytes(target + "\0"), 0x1ed);
            mkdirErrno = Marshal.GetLastPInvokeError();
        });
        filtered.Start();
        installed.Wait();
        Assert.Null(failure);
        try
        {
            Assert.True(fd >= 0);
            var ready = new PollFd { Fd = fd, Events = 1 /* POLLIN */ };
            Assert.Equal(1, poll(&ready, 1, 10_000));
            SeccompNotif request = default;
            Assert.Equal(0, ioctl(fd, SECCOMP_IOCTL_NOTIF_RECV, &request));
            var response = new SeccompNotifResp { Id = request.Id, Error = -EROFS };
            Assert.Equal(0, ioctl(fd, SECCOMP_IOCTL_NOTIF_SEND, &response));
            filtered.Join();
        }
        finally
        {
            Tmds.Linux.LibC.close(fd);
        }

        Assert.Equal((-1, EROFS), (mkdirResult, mkdirErrno));
        Assert.False(Directory.Exists(target));
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int poll(PollFd* fds, ulong count, int timeoutMs);

    [DllImport("libc", SetLastError = true)]
    private static extern int mkdir(byte[] path, uint mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, ulong request, void* argument);

    [DllImport("libc", SetLastError = true)]
    private static extern int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
}
