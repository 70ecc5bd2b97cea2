using System.Runtime.InteropServices;

namespace OciRuntime.Linux;

/// <summary>
/// The fd-based mount API (Linux 5.2+, mount_setattr 5.12+): detached copies of a tree (open_tree), attributes
/// changed on a whole tree at once (mount_setattr) and attaching a detached tree (move_mount).
/// </summary>
internal static unsafe class MountApi
{
    public const ulong MOUNT_ATTR_RDONLY = 0x1, MOUNT_ATTR_NOSUID = 0x2, MOUNT_ATTR_NODEV = 0x4, MOUNT_ATTR_NOEXEC = 0x8,
        MOUNT_ATTR__ATIME = 0x70, MOUNT_ATTR_RELATIME = 0x0, MOUNT_ATTR_NOATIME = 0x10, MOUNT_ATTR_STRICTATIME = 0x20,
        MOUNT_ATTR_NODIRATIME = 0x80, MOUNT_ATTR_IDMAP = 0x100000, MOUNT_ATTR_NOSYMFOLLOW = 0x200000;

    public const int AT_RECURSIVE = 0x8000;
    public const int OPEN_TREE_CLONE = 1, OPEN_TREE_CLOEXEC = 0x80000;
    public const int MOVE_MOUNT_F_EMPTY_PATH = 0x4, MOVE_MOUNT_T_EMPTY_PATH = 0x40;

    /// <summary>struct mount_attr (MOUNT_ATTR_SIZE_VER0, 32 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MountAttr
    {
        public ulong AttrSet;
        public ulong AttrClear;
        public ulong Propagation;
        public ulong UserNamespaceFd;
    }

    /// <summary>Sets and clears attributes of the mount <paramref name="fd"/> refers to (and below it, if recursive).
    /// Returns 0 or -1 with errno set.</summary>
    public static int SetAttributes(int fd, bool recursive, MountAttr attributes)
    {
        byte empty = 0;
        var flags = Libc.AT_EMPTY_PATH | (recursive ? AT_RECURSIVE : 0);
        return (int)Libc.Syscall(SyscallNumbers.mount_setattr, fd, (long)&empty, flags, (long)&attributes, sizeof(MountAttr));
    }

    /// <summary>A detached copy of the mount at <paramref name="path"/> (with its submounts if recursive); -1 with errno.</summary>
    public static int CloneTree(string path, bool recursive)
    {
        var native = Marshal.StringToCoTaskMemUTF8(path);
        try
        {
            var flags = OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | (recursive ? AT_RECURSIVE : 0);
            return (int)Libc.Syscall(SyscallNumbers.open_tree, Libc.AT_FDCWD, native, flags, 0, 0);
        }
        finally
        {
            Marshal.FreeCoTaskMem(native);
        }
    }

    /// <summary>Attaches the detached tree <paramref name="treeFd"/> onto what <paramref name="targetFd"/> refers to.</summary>
    public static int MoveTree(int treeFd, int targetFd)
    {
        byte empty = 0;
        return (int)Libc.Syscall(SyscallNumbers.move_mount, treeFd, (long)&empty, targetFd, (long)&empty,
            MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH);
    }
}
