using System.Runtime.InteropServices;
using OciRuntime.Linux;

namespace OciRuntime.Container.Init;

/// <summary>A fresh session keyring per container, so containers never share the host's keys (runc's default).</summary>
internal static partial class Keyring
{
    private const int KEYCTL_JOIN_SESSION_KEYRING = 1;

    public static void JoinNew(string containerId)
    {
        var name = Marshal.StringToCoTaskMemUTF8($"_ses.{containerId}");
        try
        {
            if (Libc.Syscall(SyscallNumbers.keyctl, KEYCTL_JOIN_SESSION_KEYRING, name, 0, 0, 0) < 0)
            {
                // Kernels without keyrings, or a seccomp'ed parent, refuse: runc ignores ENOSYS there.
                if (Libc.LastErrno != Libc.ENOSYS) throw Errno.Last("join session keyring");
            }
        }
        finally
        {
            Marshal.FreeCoTaskMem(name);
        }
    }
}
