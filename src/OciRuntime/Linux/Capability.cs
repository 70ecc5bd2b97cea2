namespace OciRuntime.Linux;

/// <summary>
/// Linux capabilities by their config.json names (<c>CAP_CHOWN</c> …), numbered as in linux/capability.h
/// up to Linux 6.x. Names are matched exactly, as runc does: <c>cap_chown</c> or <c>CHOWN</c> are unknown.
/// </summary>
public static class Capability
{
    /// <summary>Every capability name, indexed by its number.</summary>
    public static IReadOnlyList<string> All => Names;

    // A dictionary built per process cost more than the few lookups a config needs.
    private static readonly string[] Names =
    [
        "CAP_CHOWN",              // 0
        "CAP_DAC_OVERRIDE",
        "CAP_DAC_READ_SEARCH",
        "CAP_FOWNER",
        "CAP_FSETID",
        "CAP_KILL",               // 5
        "CAP_SETGID",
        "CAP_SETUID",
        "CAP_SETPCAP",
        "CAP_LINUX_IMMUTABLE",
        "CAP_NET_BIND_SERVICE",   // 10
        "CAP_NET_BROADCAST",
        "CAP_NET_ADMIN",
        "CAP_NET_RAW",
        "CAP_IPC_LOCK",
        "CAP_IPC_OWNER",          // 15
        "CAP_SYS_MODULE",
        "CAP_SYS_RAWIO",
        "CAP_SYS_CHROOT",
        "CAP_SYS_PTRACE",
        "CAP_SYS_PACCT",          // 20
        "CAP_SYS_ADMIN",
        "CAP_SYS_BOOT",
        "CAP_SYS_NICE",
        "CAP_SYS_RESOURCE",
        "CAP_SYS_TIME",           // 25
        "CAP_SYS_TTY_CONFIG",
        "CAP_MKNOD",
        "CAP_LEASE",
        "CAP_AUDIT_WRITE",
        "CAP_AUDIT_CONTROL",      // 30
        "CAP_SETFCAP",
        "CAP_MAC_OVERRIDE",
        "CAP_MAC_ADMIN",
        "CAP_SYSLOG",
        "CAP_WAKE_ALARM",         // 35
        "CAP_BLOCK_SUSPEND",
        "CAP_AUDIT_READ",
        "CAP_PERFMON",
        "CAP_BPF",
        "CAP_CHECKPOINT_RESTORE", // 40
    ];

    /// <summary>The highest capability number known here (CAP_LAST_CAP of Linux 5.9 to 6.x).</summary>
    public static int Last => Names.Length - 1;

    public static bool TryParse(string name, out int number)
    {
        var index = Array.IndexOf(Names, name);
        number = Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>The name of a capability number, or null for a number this table does not know.</summary>
    public static string? NameOf(int number) => number >= 0 && number < Names.Length ? Names[number] : null;
}
