namespace OciRuntime.Linux;

/// <summary>
/// Switches the calling thread's credentials the way runc's finalizeNamespace does: bounding set first (it needs
/// CAP_SETPCAP), then groups and ids with PR_SET_KEEPCAPS so permitted capabilities survive the uid change, then
/// the capability sets, then ambient ones. Capabilities are per thread: the thread that calls this must be the one
/// that execs.
/// </summary>
internal static unsafe class ProcessCredentials
{
    private const int PR_SET_KEEPCAPS = 8, PR_CAPBSET_DROP = 24, PR_CAP_AMBIENT = 47, PR_CAP_AMBIENT_RAISE = 2,
        PR_CAP_AMBIENT_CLEAR_ALL = 4, PR_CAPBSET_READ = 23;
    private const uint LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    public sealed record CapabilitySets(ulong Bounding, ulong Effective, ulong Permitted, ulong Inheritable, ulong Ambient);

    public static void DropBoundingSet(ulong keep)
    {
        for (var cap = 0; cap <= LastCapability(); cap++)
        {
            if ((keep & (1UL << cap)) != 0) continue;
            if (Libc.Prctl(PR_CAPBSET_READ, (nuint)cap, 0, 0, 0) <= 0) continue;
            Errno.Check(Libc.Prctl(PR_CAPBSET_DROP, (nuint)cap, 0, 0, 0), $"dropping capability {cap} from the bounding set");
        }
    }

    /// <summary>Sets groups, gid and uid. Raw syscalls: only this thread changes, which is the one that execs.</summary>
    public static void SwitchUser(uint uid, uint gid, IReadOnlyList<uint> additionalGids, bool setGroupsAllowed)
    {
        Errno.Check(Libc.Prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0), "prctl(PR_SET_KEEPCAPS)");
        if (setGroupsAllowed)
        {
            var groups = stackalloc uint[Math.Max(additionalGids.Count, 1)];
            for (var i = 0; i < additionalGids.Count; i++) groups[i] = additionalGids[i];
            Errno.Check(Libc.Syscall(SyscallNumbers.setgroups, additionalGids.Count, (long)groups, 0, 0, 0), "setgroups");
        }
        Errno.Check(Libc.Syscall(SyscallNumbers.setresgid, gid, gid, gid, 0, 0), $"setresgid {gid}");
        Errno.Check(Libc.Syscall(SyscallNumbers.setresuid, uid, uid, uid, 0, 0), $"setresuid {uid}");
        Errno.Check(Libc.Prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0), "prctl(PR_SET_KEEPCAPS)");
    }

    public static void SetCapabilities(CapabilitySets sets)
    {
        var header = stackalloc uint[2];
        header[0] = LINUX_CAPABILITY_VERSION_3;
        header[1] = 0;
        var data = stackalloc uint[6];
        data[0] = (uint)sets.Effective;
        data[1] = (uint)sets.Permitted;
        data[2] = (uint)sets.Inheritable;
        data[3] = (uint)(sets.Effective >> 32);
        data[4] = (uint)(sets.Permitted >> 32);
        data[5] = (uint)(sets.Inheritable >> 32);
        Errno.Check(Libc.Syscall(SyscallNumbers.capset, (long)header, (long)data, 0, 0, 0), "capset");
        Libc.Prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
        for (var cap = 0; cap < 64; cap++)
        {
            if ((sets.Ambient & (1UL << cap)) == 0) continue;
            // As runc: an ambient capability the kernel refuses (not permitted+inheritable) is skipped, not fatal.
            if (Libc.Prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, (nuint)cap, 0, 0) < 0)
                RuntimeLog.Debug($"ambient capability {cap} not raised: {Errno.Describe(Libc.LastErrno)}");
        }
    }

    private static int? _lastCapability;

    /// <summary>The highest capability this kernel knows (/proc/sys/kernel/cap_last_cap).</summary>
    public static int LastCapability()
    {
        if (_lastCapability is { } known) return known;
        string text;
        try { text = FileText.Read("/proc/sys/kernel/cap_last_cap"); }
        catch (FileNotFoundException) { text = "40"; }
        _lastCapability = int.TryParse(text.AsSpan().Trim(), out var last) ? last : 40;
        return _lastCapability.Value;
    }
}
