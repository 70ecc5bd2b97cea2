using OciRuntime.Container.Lifecycle;
using OciRuntime.Linux;
using OciRuntime.Spec;

namespace OciRuntime.Container.Spawn;

/// <summary>
/// A user namespace that exists only to carry id mappings for MOUNT_ATTR_IDMAP. A multithreaded process cannot
/// unshare one, so a raw child is cloned into it and waits; the parent writes its maps, keeps an fd of the
/// namespace, and kills the child (the fd keeps the namespace alive).
/// </summary>
internal static unsafe class MappedUserNamespace
{
    private const ulong CLONE_NEWUSER = 0x10000000;

    /// <summary>Returns an O_RDONLY|O_CLOEXEC fd of a new user namespace with the given maps.</summary>
    public static int Create(IReadOnlyList<LinuxIdMapping> uids, IReadOnlyList<LinuxIdMapping> gids)
    {
        var pipe = stackalloc int[2];
        Errno.Check(Libc.Pipe2(pipe, Libc.O_CLOEXEC), "pipe");
        var holder = new HolderState { ReadFd = pipe[0], WriteFd = pipe[1] };
        int pid;
        try
        {
            var args = CloneArgs.ForChild(CLONE_NEWUSER, -1);
            pid = Clone3.Run(&args, &Hold, &holder);
        }
        finally
        {
            Libc.Close(pipe[0]);
        }
        try
        {
            // Root in the parent namespace may write gid_map without denying setgroups first.
            IdMaps.Write(pid, uids, gids, denySetgroups: false);
            return Errno.Check(Libc.Open($"/proc/{pid}/ns/user", Libc.O_RDONLY | Libc.O_CLOEXEC, 0), "open the id-mapping user namespace");
        }
        finally
        {
            Libc.Close(pipe[1]);
            Libc.Kill(pid, 9);
            InitSpawner.Reap(pid);
        }
    }

    private struct HolderState
    {
        public int ReadFd, WriteFd;
    }

    /// <summary>The child: blocks until the parent is done with it (its pipe end closes, or SIGKILL).</summary>
    private static void Hold(void* raw)
    {
        var state = (HolderState*)raw;
        RawSyscalls.Close(state->WriteFd);
        byte b;
        RawSyscalls.Read(state->ReadFd, &b, 1);
        RawSyscalls.Exit(0);
    }
}
