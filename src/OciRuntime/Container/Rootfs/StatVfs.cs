using System.Runtime.InteropServices;
using OciRuntime.Linux;

namespace OciRuntime.Container.Rootfs;

internal static unsafe partial class StatVfs
{
    [LibraryImport("libc", EntryPoint = "statvfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatVfsNative(string path, ulong* buffer);

    /// <summary>The ST_* mount flags of the mount holding <paramref name="path"/>; they share MS_* values.</summary>
    public static ulong MountFlags(string path)
    {
        // struct statvfs on 64-bit Linux: 11 unsigned longs, f_flag is the 10th (index 9); 112 bytes with spare.
        var buffer = stackalloc ulong[14];
        Errno.Check(StatVfsNative(path, buffer), $"statvfs {path}");
        return buffer[9];
    }
}
