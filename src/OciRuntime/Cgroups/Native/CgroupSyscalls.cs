using System.Runtime.InteropServices;

namespace OciRuntime.Cgroups.Native;

/// <summary>
/// The few raw calls cgroup code needs where .NET's file API hides the errno (EBUSY on rmdir, the exact
/// error of a rejected cgroup write) or has no equivalent (O_PATH directory fds, kill, bpf).
/// </summary>
internal static partial class CgroupSyscalls
{
    public const int O_WRONLY = 0x1;
    public const int O_TRUNC = 0x200;
    public const int O_DIRECTORY = 0x10000;
    public const int O_CLOEXEC = 0x80000;
    public const int O_RDONLY = 0x0;

    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int EINVAL = 22;
    public const int EROFS = 30;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "rmdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int RemoveDirectory(string path);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    public static unsafe partial long Syscall(long number, long arg1, void* arg2, long arg3);

    /// <summary>Lower case, as every other cause ocirun (and runc) prints: "no such file or directory".</summary>
    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno).ToLowerInvariant();
}
