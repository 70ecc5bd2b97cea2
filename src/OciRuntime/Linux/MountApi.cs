using System.Runtime.InteropServices;

namespace OciRuntime.Linux;

/// <summary>The fd-based mount API (open_tree, mount_setattr): detached mounts that exist only through an fd.</summary>
internal static unsafe partial class MountApi
{
    private const long SYS_open_tree = 428, SYS_mount_setattr = 442;

    public const uint OPEN_TREE_CLONE = 1, OPEN_TREE_CLOEXEC = 0x80000;
    public const uint AT_RECURSIVE = 0x8000;
    public const ulong MOUNT_ATTR_RDONLY = 0x1, MOUNT_ATTR_NOSUID = 0x2, MOUNT_ATTR_NODEV = 0x4;

    [StructLayout(LayoutKind.Sequential)]
    public struct MountAttr
    {
        public ulong AttrSet;
        public ulong AttrClear;
        public ulong Propagation;
        public ulong UsernsFd;
    }

    /// <summary>open_tree(2); the fd or -1 with errno set.</summary>
    public static int OpenTree(int dirFd, string path, uint flags)
    {
        var bytes = Utf8(path);
        fixed (byte* p = bytes)
            return (int)Libc.Syscall(SYS_open_tree, dirFd, (long)p, flags, 0, 0);
    }

    /// <summary>mount_setattr(2) on the mount <paramref name="fd"/> refers to; 0 or -1 with errno set.</summary>
    public static int SetAttributes(int fd, uint flags, in MountAttr attr)
    {
        byte empty = 0;
        fixed (MountAttr* a = &attr)
            return (int)Libc.Syscall(SYS_mount_setattr, fd, (long)&empty, flags | Libc.AT_EMPTY_PATH, (long)a, sizeof(MountAttr));
    }

    private static byte[] Utf8(string s)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(s) + 1];
        System.Text.Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}
